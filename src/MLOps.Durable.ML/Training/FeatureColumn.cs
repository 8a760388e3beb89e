using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// How one input column becomes model features: numeric and boolean columns give one feature each
/// (missing values replaced by <see cref="ImputeValue"/>, the training mean), categorical columns give one
/// 0/1 feature per known level (unseen or missing labels give all zeros).
/// </summary>
/// <param name="Name">The input column.</param>
/// <param name="Kind">Its kind at training time.</param>
/// <param name="ImputeValue">Replacement for missing numeric/boolean values; 0 for categorical columns.</param>
/// <param name="Levels">The one-hot levels (ordinal order) of a categorical column; empty otherwise.</param>
public sealed record FeatureColumn(string Name, ColumnKind Kind, double ImputeValue, IReadOnlyList<string> Levels)
{
    /// <summary>Number of encoded features this column produces.</summary>
    public int Width => Kind == ColumnKind.Categorical ? Levels.Count : 1;
}
