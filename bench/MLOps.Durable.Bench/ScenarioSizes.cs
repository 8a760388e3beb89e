using System.Globalization;

namespace MLOps.Durable.Bench;

/// <summary>How much work each scenario does: activities in the chain and in the fan-out, and hello-sequence orchestrations of five steps.</summary>
internal sealed record ScenarioSizes(int Sequential, int FanOut, int HelloOrchestrations)
{
    public const int HelloSteps = 5;

    /// <summary>The SQLite run's sizes (about a minute with the Azurite comparison; seconds on SQLite alone).</summary>
    public static readonly ScenarioSizes Full = new(1_000, 5_000, 500);

    public ScenarioSizes DividedBy(int divisor) => new(Sequential / divisor, FanOut / divisor, HelloOrchestrations / divisor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sequential 1 x {Sequential}, fan-out 1 x {FanOut}, hello-sequence-5 {HelloOrchestrations} x {HelloSteps}");
}
