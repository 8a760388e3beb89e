namespace MLOps.Durable.ML.Drift;

/// <summary>The statistic used to decide whether a column drifted (see README.md in this folder).</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov-Smirnov test; drift when p &lt; threshold. Numeric columns only.</summary>
    KolmogorovSmirnov,

    /// <summary>Chi-square goodness of fit against reference proportions; drift when p &lt; threshold.</summary>
    ChiSquare,

    /// <summary>Two-proportion z-test; drift when p &lt; threshold.</summary>
    ZTest,

    /// <summary>Wasserstein distance divided by the reference standard deviation; drift when ≥ threshold. Numeric columns only.</summary>
    Wasserstein,

    /// <summary>Jensen-Shannon distance of the binned distributions; drift when ≥ threshold.</summary>
    JensenShannon,

    /// <summary>Population stability index of the binned distributions; drift when ≥ threshold.</summary>
    Psi,
}
