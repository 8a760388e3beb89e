namespace MLOps.Durable.LoadBench;

/// <summary>Nearest-rank percentiles of measured durations.</summary>
internal static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="p"/> (0-1) of the values at or below it; zero for none.</summary>
    public static TimeSpan Of(IReadOnlyList<TimeSpan> values, double p)
    {
        if (values.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The same over sorted stopwatch ticks, as milliseconds.</summary>
    public static double OfSortedTicks(long[] sorted, double p, long frequency)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] * 1000.0 / frequency;
    }
}
