namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Survival function of the two-sided one-sample Kolmogorov statistic D_n, P(D_n &gt;= x), following the
/// algorithm selection of Simard and L'Ecuyer (2011) as SciPy's <c>kstwo</c> does, so that
/// <see cref="KolmogorovSmirnovTest"/> reproduces <c>ks_2samp</c>'s asymptotic p-values.
/// </summary>
internal static class KolmogorovDistribution
{
    private const double ScaleUp = 1e140;
    private const double ScaleDown = 1e-140;

    /// <summary>P(D_n &gt;= x).</summary>
    public static double Survival(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben-Gambino: the CDF is n!/n^n (2t-1)^n on [1/2n, 1/n].
            if (t <= 0.5)
            {
                return 1.0;
            }

            var cdf = 1.0;
            for (var i = 1; i <= n; i++)
            {
                cdf *= i * (1.0 / n) * ((2 * t) - 1);
            }

            return Clip(1.0 - cdf);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            // SciPy uses Durbin's matrix up to n·x² = 0.754693 and Pomeranz up to 4; both are exact,
            // so the matrix method serves the whole range here.
            return nxSquared <= 4 ? Clip(1.0 - DurbinMatrixCdf(n, x)) : Clip(2 * SmirnovSurvival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var cdfProbability = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4
            ? DurbinMatrixCdf(n, x)
            : PelzGoodCdf(n, x);
        return Clip(1.0 - cdfProbability);
    }

    /// <summary>One-sided Smirnov P(D_n^+ &gt;= x) by the Birnbaum-Tingey sum, each term in log space.</summary>
    internal static double SmirnovSurvival(int n, double x)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        if (x >= 1)
        {
            return 0.0;
        }

        var logNFactorial = SpecialFunctions.LogFactorial(n);
        var last = (int)Math.Floor(n * (1 - x));
        var sum = 0.0;
        for (var j = 0; j <= last; j++)
        {
            var low = x + ((double)j / n);
            var high = 1 - x - ((double)j / n);
            if (high <= 0)
            {
                // Only the last term can land on the boundary, where (1 - x - j/n)^(n-j) is zero.
                continue;
            }

            var logTerm = logNFactorial - SpecialFunctions.LogFactorial(j) - SpecialFunctions.LogFactorial(n - j)
                + ((j - 1) * Math.Log(low)) + ((n - j) * Math.Log(high));
            sum += Math.Exp(logTerm);
        }

        return Clip(x * sum);
    }

    /// <summary>Marsaglia-Tsang-Wang evaluation of Durbin's matrix formula for P(D_n &lt; x).</summary>
    internal static double DurbinMatrixCdf(int n, double x)
    {
        var k = (int)(n * x) + 1;
        var m = (2 * k) - 1;
        var h = k - (n * x);
        var matrix = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                matrix[i, j] = i - j + 1 >= 0 ? 1.0 : 0.0;
            }
        }

        for (var i = 0; i < m; i++)
        {
            matrix[i, 0] -= Math.Pow(h, i + 1);
            matrix[m - 1, i] -= Math.Pow(h, m - i);
        }

        if ((2 * h) - 1 > 0)
        {
            matrix[m - 1, 0] += Math.Pow((2 * h) - 1, m);
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var order = i - j + 1;
                if (order > 0)
                {
                    for (var g = 2; g <= order; g++)
                    {
                        matrix[i, j] /= g;
                    }
                }
            }
        }

        var (power, exponent) = MatrixPower(matrix, n);
        var value = power[k - 1, k - 1];
        if (value <= 0)
        {
            return 0.0;
        }

        // n!/n^n, folded in while keeping the value in range; exponent counts factors of 1e140.
        for (var i = 1; i <= n; i++)
        {
            value *= (double)i / n;
            if (value < ScaleDown)
            {
                value *= ScaleUp;
                exponent--;
            }
        }

        return Clip(value * Math.Pow(ScaleUp, exponent));
    }

    /// <summary>Pelz-Good asymptotic series for P(D_n &lt;= x) (four terms in powers of 1/√n).</summary>
    internal static double PelzGoodCdf(int n, double x)
    {
        var z = Math.Sqrt(n) * x;
        var z2 = z * z;
        var z4 = z2 * z2;
        var z6 = z4 * z2;
        var pi2 = Math.PI * Math.PI;
        var pi4 = pi2 * pi2;
        var pi6 = pi4 * pi2;
        var logQ = -pi2 / 8 / z2;
        if (logQ < -708)
        {
            return 0.0;
        }

        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        double k0 = 0, k1 = 0, k2 = 0, k3 = 0;
        for (var k = maxK; k >= 1; k--)
        {
            double m = (2 * k) - 1;
            var m2 = m * m;
            var m4 = m2 * m2;
            var m6 = m4 * m2;
            var weight = Math.Exp(logQ * m2);
            k0 += weight;
            k1 += (-z2 + (pi2 / 4 * m2)) * weight;
            k2 += ((6 * z6) + (2 * z4) + ((2 * z4) - (5 * z2)) * pi2 / 4 * m2 + (pi4 * (1 - (2 * z2)) / 16 * m4)) * weight;
            k3 += ((-30 * z6) - (90 * z4 * z4) + (pi2 * ((135 * z4) - (96 * z6)) / 4 * m2)
                + (pi4 * ((-60 * z2) + (212 * z4)) / 16 * m4) + (pi6 * (5 - (30 * z2)) / 64 * m6)) * weight;
        }

        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        k0 *= sqrt2Pi / z;
        k1 *= sqrt2Pi / (6 * z4);
        k2 *= sqrt2Pi / (72 * z6 * z);
        k3 *= sqrt2Pi / (6480 * z6 * z4);

        var logQ2 = -pi2 / 2 / z2;
        double extra2 = 0, extra3 = 0;
        for (var k = maxK; k >= 1; k--)
        {
            double kk = k * k;
            var weight = kk * Math.Exp(logQ2 * kk);
            extra2 += weight;
            extra3 += ((3 * z2) - (pi2 * kk)) * weight;
        }

        k2 += extra2 * pi2 * sqrt2Pi / (-36 * z2 * z);
        k3 += extra3 * pi2 * sqrt2Pi / (216 * z6);

        var sqrtN = Math.Sqrt(n);
        return k0 + (k1 / sqrtN) + (k2 / n) + (k3 / (n * sqrtN));
    }

    private static (double[,] Matrix, int Exponent) MatrixPower(double[,] matrix, int power)
    {
        if (power == 1)
        {
            return (matrix, 0);
        }

        var (half, halfExponent) = MatrixPower(matrix, power / 2);
        var result = Multiply(half, half);
        var exponent = 2 * halfExponent;
        if (power % 2 == 1)
        {
            result = Multiply(matrix, result);
        }

        var size = result.GetLength(0);
        var middle = (size - 1) / 2;
        if (result[middle, middle] > ScaleUp)
        {
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j < size; j++)
                {
                    result[i, j] *= ScaleDown;
                }
            }

            exponent++;
        }

        return (result, exponent);
    }

    private static double[,] Multiply(double[,] left, double[,] right)
    {
        var size = left.GetLength(0);
        var product = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            for (var l = 0; l < size; l++)
            {
                var a = left[i, l];
                if (a == 0)
                {
                    continue;
                }

                for (var j = 0; j < size; j++)
                {
                    product[i, j] += a * right[l, j];
                }
            }
        }

        return product;
    }

    private static double Clip(double probability) => Math.Clamp(probability, 0.0, 1.0);
}
