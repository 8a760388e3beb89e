namespace MLOps.Durable.ML.Data;

/// <summary>Settings of <see cref="DataProfile.Create"/>.</summary>
public sealed class ProfileOptions
{
    /// <summary>The defaults: 10 histogram bins, top 10 categories.</summary>
    public static ProfileOptions Default { get; } = new();

    /// <summary>Number of equal-width histogram bins over min..max. Default 10.</summary>
    public int HistogramBins { get; init; } = 10;

    /// <summary>How many of the most frequent categories to keep. Default 10.</summary>
    public int TopCategories { get; init; } = 10;

    /// <summary>Throws when a setting is unusable, naming it and its value.</summary>
    public void Validate()
    {
        if (HistogramBins < 1)
        {
            throw new ArgumentException($"ProfileOptions.HistogramBins: {HistogramBins}; expected 1 or more bins.");
        }

        if (TopCategories < 0)
        {
            throw new ArgumentException($"ProfileOptions.TopCategories: {TopCategories}; expected 0 or more.");
        }
    }
}
