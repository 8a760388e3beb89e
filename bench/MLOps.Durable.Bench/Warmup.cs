namespace MLOps.Durable.Bench;

/// <summary>Runs each scenario once, small, so that the measured runs see jitted code.</summary>
internal static class Warmup
{
    public static readonly ScenarioSizes Sizes = new(50, 200, 20);

    public static Task RunAsync(IBenchStore backend) => EngineScenarios.RunAllAsync(backend, Sizes);
}
