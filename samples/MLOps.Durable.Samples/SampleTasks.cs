using MLOps.Durable.Registration;

namespace MLOps.Durable.Samples;

/// <summary>Registers the sample training run and its activities with a worker.</summary>
public static class SampleTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<TrainingRunOrchestrator>()
            .AddActivityFunc<string, int>("ValidateData", SampleActivities.ValidateData)
            .AddActivityFunc<Candidate, Candidate>("TrainCandidate", SampleActivities.TrainCandidate)
            .AddActivityFunc<Candidate, string>("DeployModel", SampleActivities.DeployModel);
    }
}
