namespace MLOps.Durable.ML.Training;

/// <summary>Where L-BFGS stopped.</summary>
internal sealed record LbfgsResult(double[] Solution, double Value, double GradientNorm, int Iterations, bool Converged);
