namespace MLOps.Durable.ML.Training;

/// <summary>How training went: solver convergence for linear models, trees kept and early stopping for GBDT.</summary>
/// <param name="Iterations">Solver iterations (linear models) or boosting rounds kept (trees).</param>
/// <param name="Converged">Whether the solver met its tolerance (always true for closed-form and tree models that ran to the end or stopped early).</param>
/// <param name="Objective">The final training objective (regularized mean loss).</param>
/// <param name="GradientNorm">Largest absolute gradient component at the end (linear models), else 0.</param>
/// <param name="StoppedEarly">Whether early stopping ended boosting before the requested number of trees.</param>
/// <param name="ValidationLoss">Best loss on the early-stopping validation rows, when used.</param>
/// <param name="FeatureImportance">Per input column, its share of the total split gain (trees) or of the summed absolute standardized weights (linear models); sums to 1.</param>
public sealed record TrainingSummary(
    int Iterations,
    bool Converged,
    double Objective,
    double GradientNorm,
    bool StoppedEarly,
    double? ValidationLoss,
    IReadOnlyDictionary<string, double> FeatureImportance);
