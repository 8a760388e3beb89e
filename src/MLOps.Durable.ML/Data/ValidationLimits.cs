namespace MLOps.Durable.ML.Data;

/// <summary>
/// Thresholds for <see cref="DatasetValidator"/>. Fractions are of the row count and compared with "greater than";
/// set an error limit to <see cref="double.PositiveInfinity"/> (or a fraction to 1) to switch a check off.
/// </summary>
public sealed class ValidationLimits
{
    /// <summary>The defaults listed on each property.</summary>
    public static ValidationLimits Default { get; } = new();

    /// <summary>Fewer rows is an error. Default 1.</summary>
    public int MinRows { get; init; } = 1;

    /// <summary>Missing fraction of a nullable column above which a warning is raised. Default 0.05.</summary>
    public double MissingFractionWarning { get; init; } = 0.05;

    /// <summary>Missing fraction of a nullable column above which an error is raised. Default 0.5.</summary>
    public double MissingFractionError { get; init; } = 0.5;

    /// <summary>Fraction of rows repeating an earlier row above which a warning is raised. Default 0.01.</summary>
    public double DuplicateRowFractionWarning { get; init; } = 0.01;

    /// <summary>Fraction of rows repeating an earlier row above which an error is raised. Default 0.1.</summary>
    public double DuplicateRowFractionError { get; init; } = 0.1;

    /// <summary>Largest class count / smallest class count above which a warning is raised. Default 10.</summary>
    public double LabelImbalanceRatioWarning { get; init; } = 10;

    /// <summary>Largest class count / smallest class count above which an error is raised. Default 100.</summary>
    public double LabelImbalanceRatioError { get; init; } = 100;

    /// <summary>
    /// Whether out-of-range values and unseen categories are errors. Default false (warnings), because a domain
    /// inferred from training data is a sample, not a rule; set true when the schema's domains are hand-written.
    /// </summary>
    public bool StrictDomains { get; init; }

    /// <summary>Throws when a limit is unusable, naming the limit and its value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MinRows, "ValidationLimits.MinRows");
        CheckPair(MissingFractionWarning, MissingFractionError, nameof(MissingFractionWarning), nameof(MissingFractionError), fraction: true);
        CheckPair(DuplicateRowFractionWarning, DuplicateRowFractionError, nameof(DuplicateRowFractionWarning), nameof(DuplicateRowFractionError), fraction: true);
        CheckPair(LabelImbalanceRatioWarning, LabelImbalanceRatioError, nameof(LabelImbalanceRatioWarning), nameof(LabelImbalanceRatioError), fraction: false);
    }

    private static void CheckPair(double warning, double error, string warningName, string errorName, bool fraction)
    {
        var lowest = fraction ? 0 : 1;
        if (double.IsNaN(warning) || warning < lowest || (fraction && warning > 1))
        {
            throw new ArgumentException($"ValidationLimits.{warningName}: {warning}; expected {(fraction ? "a fraction from 0 to 1" : "a ratio of 1 or more")}.");
        }

        if (double.IsNaN(error) || error < warning)
        {
            throw new ArgumentException($"ValidationLimits.{errorName}: {error}; expected at least {warningName} ({warning}).");
        }
    }
}
