namespace MLOps.Durable.ML.Tests.Reference;

/// <summary>Relative comparisons against reference values.</summary>
internal static class Tolerance
{
    /// <summary>Closed-form metrics: 1e-9 relative.</summary>
    public const double ClosedForm = 1e-9;

    /// <summary>p-values from special functions and distributions: 1e-6 relative.</summary>
    public const double PValue = 1e-6;

    public static void Close(double expected, double actual, double relative, string what)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.Equal(expected, actual);
            return;
        }

        var allowed = relative * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(
            Math.Abs(expected - actual) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):R}, allowed {allowed:R}).");
    }
}
