namespace MLOps.Durable.ML.Training;

/// <summary>Solves symmetric positive (semi-)definite systems A·x = b by Cholesky factorization.</summary>
internal static class Cholesky
{
    /// <summary>
    /// Solves A·x = b (A row-major, d x d). When A is only semi-definite, a diagonal jitter growing from
    /// 1e-10·trace/d is added until the factorization succeeds.
    /// </summary>
    public static double[] SolveWithJitter(double[] a, double[] b, int d)
    {
        double trace = 0;
        for (var j = 0; j < d; j++)
        {
            trace += a[(j * d) + j];
        }

        var jitter = 0.0;
        var baseJitter = Math.Max(trace / Math.Max(d, 1), 1) * 1e-10;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            if (TryFactor(a, d, jitter, out var lower))
            {
                return Solve(lower, b, d);
            }

            jitter = jitter == 0 ? baseJitter : jitter * 100;
        }

        throw new InvalidOperationException("The normal equations could not be solved: the features are degenerate (non-finite values?).");
    }

    private static bool TryFactor(double[] a, int d, double jitter, out double[] lower)
    {
        lower = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * d) + j] + (i == j ? jitter : 0);
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[(i * d) + k] * lower[(j * d) + k];
                }

                if (i == j)
                {
                    if (!(sum > 1e-14 * Math.Max(1, Math.Abs(a[(i * d) + i]))))
                    {
                        return false;
                    }

                    lower[(i * d) + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[(i * d) + j] = sum / lower[(j * d) + j];
                }
            }
        }

        return true;
    }

    private static double[] Solve(double[] lower, double[] b, int d)
    {
        var y = new double[d];
        for (var i = 0; i < d; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= lower[(i * d) + k] * y[k];
            }

            y[i] = sum / lower[(i * d) + i];
        }

        var x = new double[d];
        for (var i = d - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < d; k++)
            {
                sum -= lower[(k * d) + i] * x[k];
            }

            x[i] = sum / lower[(i * d) + i];
        }

        return x;
    }
}
