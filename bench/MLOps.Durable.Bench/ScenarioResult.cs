namespace MLOps.Durable.Bench;

/// <summary>One timed scenario run: how much work, how long, and the storage operations it cost.</summary>
internal sealed record ScenarioResult(int Orchestrations, int Activities, TimeSpan Elapsed, StoreOperations Operations)
{
    public double ActivitiesPerSecond => Activities / Elapsed.TotalSeconds;

    public double OrchestrationsPerSecond => Orchestrations / Elapsed.TotalSeconds;

    public double OperationsPerActivity => (double)Operations.Total / Activities;
}
