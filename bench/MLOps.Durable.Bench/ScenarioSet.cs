namespace MLOps.Durable.Bench;

/// <summary>The three scenarios' results on one backend, at the given sizes.</summary>
internal sealed record ScenarioSet(ScenarioSizes Sizes, ScenarioResult Sequential, ScenarioResult FanOut, ScenarioResult Hello)
{
    public IEnumerable<(string Key, string Label, ScenarioResult Result)> All =>
    [
        ("sequential", "sequential chain", Sequential),
        ("fanout", "fan-out/fan-in", FanOut),
        ("hello_sequence5", "hello-sequence-5", Hello),
    ];
}
