namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Log-gamma, the regularized incomplete gamma functions and the normal tail, written here so the
/// drift tests need no numerics package. Accuracy is close to double precision for the arguments the
/// tests use (half-integer shapes, moderate x).
/// </summary>
internal static class SpecialFunctions
{
    private const int MaxIterations = 10_000;
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;

    // Lanczos approximation, g = 7, nine coefficients (Godfrey's published table).
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>ln n! for a non-negative integer n (exact summation up to 170, log-gamma above).</summary>
    public static double LogFactorial(int n)
    {
        if (n <= 170)
        {
            var value = 1.0;
            for (var i = 2; i <= n; i++)
            {
                value *= i;
            }

            return Math.Log(value);
        }

        return LogGamma(n + 1.0);
    }

    /// <summary>Upper regularized incomplete gamma Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double GammaQ(double a, double x)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        return x < a + 1 ? 1.0 - GammaPSeries(a, x) : GammaQContinuedFraction(a, x);
    }

    /// <summary>Lower regularized incomplete gamma P(a, x) = γ(a, x) / Γ(a).</summary>
    public static double GammaP(double a, double x)
    {
        if (x <= 0)
        {
            return 0.0;
        }

        return x < a + 1 ? GammaPSeries(a, x) : 1.0 - GammaQContinuedFraction(a, x);
    }

    /// <summary>Survival function of the chi-square distribution with <paramref name="degreesOfFreedom"/>.</summary>
    public static double ChiSquareSurvival(double statistic, double degreesOfFreedom) =>
        double.IsPositiveInfinity(statistic) ? 0.0 : GammaQ(degreesOfFreedom / 2, statistic / 2);

    /// <summary>Two-sided normal tail 2·(1 - Φ(|z|)), computed as erfc(|z|/√2) = Q(1/2, z²/2) without cancellation.</summary>
    public static double NormalTwoSidedTail(double z) => GammaQ(0.5, z * z / 2);

    private static double GammaPSeries(double a, double x)
    {
        var term = 1.0 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp((a * Math.Log(x)) - x - LogGamma(a));
    }

    private static double GammaQContinuedFraction(double a, double x)
    {
        // Modified Lentz evaluation of the continued fraction for Γ(a, x).
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = b + (an / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp((a * Math.Log(x)) - x - LogGamma(a)) * h;
    }
}
