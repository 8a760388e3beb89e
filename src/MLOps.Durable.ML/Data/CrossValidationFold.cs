using System.Collections.Immutable;

namespace MLOps.Durable.ML.Data;

/// <summary>One fold of k-fold cross-validation: its test rows and all other rows for training (0-based, ascending).</summary>
/// <param name="Index">The fold number, 0 to k - 1.</param>
/// <param name="TrainRows">Row indices of the other folds.</param>
/// <param name="TestRows">Row indices of this fold.</param>
public sealed record CrossValidationFold(int Index, ImmutableArray<int> TrainRows, ImmutableArray<int> TestRows)
{
    /// <summary>The training rows of <paramref name="frame"/>.</summary>
    public DataFrame Train(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.SelectRows(TrainRows.AsSpan());
    }

    /// <summary>The test rows of <paramref name="frame"/>.</summary>
    public DataFrame Test(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.SelectRows(TestRows.AsSpan());
    }
}
