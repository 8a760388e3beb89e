using System.Collections.Immutable;

namespace MLOps.Durable.ML.Data;

/// <summary>A partition of a frame's rows into train and test rows (0-based indices, ascending, disjoint, together all rows).</summary>
/// <param name="TrainRows">Row indices for training.</param>
/// <param name="TestRows">Row indices held out for testing.</param>
public sealed record TrainTestSplit(ImmutableArray<int> TrainRows, ImmutableArray<int> TestRows)
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
