namespace MLOps.Durable.Bench;

/// <summary>Runs each scenario once, small, so that the measured runs see jitted code.</summary>
internal static class Warmup
{
    public static async Task RunAsync(string workDir)
    {
        var warmupDir = Directory.CreateDirectory(Path.Combine(workDir, "warmup")).FullName;
        await EngineScenarios.SequentialAsync(warmupDir, 50);
        await EngineScenarios.FanOutAsync(warmupDir, 200);
        await EngineScenarios.HelloSequenceAsync(warmupDir, 20, 5);
    }
}
