namespace MLOps.Durable.Samples;

/// <summary>What a training run is asked to do.</summary>
public sealed record TrainingRequest(string Dataset, double[] LearningRates);

/// <summary>One trained candidate.</summary>
public sealed record Candidate(double LearningRate, double Accuracy);

/// <summary>How the run ended.</summary>
public sealed record TrainingOutcome(int Rows, Candidate Best, string Decision, string? DeployedVersion);
