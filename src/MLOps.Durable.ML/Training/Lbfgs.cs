namespace MLOps.Durable.ML.Training;

/// <summary>
/// Limited-memory BFGS for smooth convex objectives, with a backtracking (Armijo) line search.
/// Converges when the largest gradient component falls below the tolerance.
/// </summary>
internal static class Lbfgs
{
    /// <summary>The objective: fills the gradient for the given point and returns the value.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    public static LbfgsResult Minimize(Objective objective, double[] start, int maxIterations, double tolerance, int memory = 10)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var f = objective(x, g);
        var s = new List<double[]>(memory);
        var y = new List<double[]>(memory);
        var rho = new List<double>(memory);
        var direction = new double[n];
        var alpha = new double[memory];
        var candidate = new double[n];
        var candidateGradient = new double[n];

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var gradientNorm = MaxAbs(g);
            if (gradientNorm <= tolerance)
            {
                return new LbfgsResult(x, f, gradientNorm, iteration, true);
            }

            // Two-loop recursion: direction = -H g.
            g.CopyTo(direction, 0);
            for (var k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], direction);
                Axpy(-alpha[k], y[k], direction);
            }

            var gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1 / Math.Max(1, Norm(g));
            for (var i = 0; i < n; i++)
            {
                direction[i] *= gamma;
            }

            for (var k = 0; k < s.Count; k++)
            {
                var beta = rho[k] * Dot(y[k], direction);
                Axpy(alpha[k] - beta, s[k], direction);
            }

            for (var i = 0; i < n; i++)
            {
                direction[i] = -direction[i];
            }

            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = Dot(g, direction);
            }

            var step = 1.0;
            double candidateValue;
            var accepted = false;
            for (var attempt = 0; attempt < 40; attempt++)
            {
                for (var i = 0; i < n; i++)
                {
                    candidate[i] = x[i] + (step * direction[i]);
                }

                candidateValue = objective(candidate, candidateGradient);
                if (candidateValue <= f + (1e-4 * step * slope))
                {
                    accepted = true;
                    var sk = new double[n];
                    var yk = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        sk[i] = candidate[i] - x[i];
                        yk[i] = candidateGradient[i] - g[i];
                    }

                    var sy = Dot(sk, yk);
                    if (sy > 1e-12)
                    {
                        if (s.Count == memory)
                        {
                            s.RemoveAt(0);
                            y.RemoveAt(0);
                            rho.RemoveAt(0);
                        }

                        s.Add(sk);
                        y.Add(yk);
                        rho.Add(1 / sy);
                    }

                    var improvement = f - candidateValue;
                    candidate.CopyTo(x, 0);
                    candidateGradient.CopyTo(g, 0);
                    f = candidateValue;
                    if (improvement <= 1e-15 * Math.Max(1, Math.Abs(f)))
                    {
                        // The objective no longer decreases measurably in double precision: as converged
                        // as it can get (scipy's L-BFGS-B reports this case as converged too).
                        return new LbfgsResult(x, f, MaxAbs(g), iteration + 1, true);
                    }

                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                return new LbfgsResult(x, f, MaxAbs(g), iteration + 1, false);
            }
        }

        return new LbfgsResult(x, f, MaxAbs(g), maxIterations, MaxAbs(g) <= tolerance);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    private static double MaxAbs(ReadOnlySpan<double> a)
    {
        double max = 0;
        foreach (var value in a)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }
}
