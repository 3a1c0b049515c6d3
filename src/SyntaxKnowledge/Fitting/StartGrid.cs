using System.Collections.Immutable;

namespace SyntaxKnowledge.Fitting;

/// <summary>
/// Deterministic starting points: for each exponent on a fixed grid the law is linear in (E, A, B), so the
/// coefficients come from a non-negative least-squares fit of the relative error (variable projection);
/// candidates are ranked by the robust objective.
/// </summary>
internal static class StartGrid
{
    private static readonly ImmutableArray<double> PairExponents = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0];
    private static readonly ImmutableArray<double> SingleExponents = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0];

    /// <summary>Returns up to <paramref name="count"/> starting points θ, best first (ties keep grid order).</summary>
    public static List<double[]> Best(ScalingLawForm form, FitData data, double delta, int count)
    {
        var candidates = new List<(double Objective, int Order, double[] Theta)>();
        int order = 0;
        foreach ((double alpha, double beta) in Exponents(form))
        {
            double[] theta = LinearStart(form, data, alpha, beta);
            double objective = LawObjective.Evaluate(form, data, delta, theta, []);
            if (double.IsFinite(objective) && theta.All(double.IsFinite))
            {
                candidates.Add((objective, order, theta));
            }

            order++;
        }

        return candidates.OrderBy(c => c.Objective).ThenBy(c => c.Order).Take(count).Select(c => c.Theta).ToList();
    }

    private static IEnumerable<(double Alpha, double Beta)> Exponents(ScalingLawForm form)
    {
        switch (form)
        {
            case ScalingLawForm.Chinchilla:
                foreach (double alpha in PairExponents)
                {
                    foreach (double beta in PairExponents)
                    {
                        yield return (alpha, beta);
                    }
                }

                break;
            case ScalingLawForm.SyntaxKnowledge:
                for (int k = 1; k <= 19; k++)
                {
                    double d = k / 20.0;
                    yield return ((1 - d) / d, 1 - d);
                }

                break;
            case ScalingLawForm.DataOnly:
                foreach (double beta in SingleExponents)
                {
                    yield return (0, beta);
                }

                break;
            default:
                foreach (double alpha in SingleExponents)
                {
                    yield return (alpha, 0);
                }

                break;
        }
    }

    // Columns c0 = 1, c1 = exp(−α x), c2 = exp(−β y); minimise Σ((Σ c·coef − L)/L)² over coef ≥ 0 by trying every
    // non-empty subset of columns (at most 7 small solves) and keeping the best feasible one.
    private static double[] LinearStart(ScalingLawForm form, FitData data, double alpha, double beta)
    {
        bool model = form != ScalingLawForm.DataOnly, dataTerm = form != ScalingLawForm.ModelOnly;
        int n = data.Count;
        var columns = new double[3][];
        columns[0] = new double[n];
        columns[1] = new double[n];
        columns[2] = new double[n];
        double meanLoss = 0;
        for (int i = 0; i < n; i++)
        {
            double loss = Math.Exp(data.LogLoss[i]);
            meanLoss += loss / n;
            columns[0][i] = 1 / loss;
            columns[1][i] = model ? Math.Exp(-alpha * data.X[i]) / loss : 0;
            columns[2][i] = dataTerm ? Math.Exp(-beta * data.Y[i]) / loss : 0;
        }

        int present = 1 | (model ? 2 : 0) | (dataTerm ? 4 : 0);
        double[] best = [0, 0, 0];
        double bestError = double.PositiveInfinity;
        for (int subset = 1; subset < 8; subset++)
        {
            if ((subset & ~present) != 0)
            {
                continue;
            }

            int[] used = Enumerable.Range(0, 3).Where(k => (subset & (1 << k)) != 0).ToArray();
            double[]? coefficients = SolveLeastSquares(columns, used, n);
            if (coefficients is null || coefficients.Any(c => !(c >= 0)))
            {
                continue;
            }

            double[] full = [0, 0, 0];
            for (int k = 0; k < used.Length; k++)
            {
                full[used[k]] = coefficients[k];
            }

            double error = 0;
            for (int i = 0; i < n; i++)
            {
                double r = (full[0] * columns[0][i]) + (full[1] * columns[1][i]) + (full[2] * columns[2][i]) - 1;
                error += r * r;
            }

            if (error < bestError)
            {
                bestError = error;
                best = full;
            }
        }

        // A term the linear fit dropped starts small but positive (0.1% of the mean loss), so its log is finite.
        double floor = 1e-3 * meanLoss;
        double logE = Math.Log(Math.Max(best[0], floor));
        double logA = model ? Math.Log(Math.Max(best[1], floor)) : double.NegativeInfinity;
        double logB = dataTerm ? Math.Log(Math.Max(best[2], floor)) : double.NegativeInfinity;
        return LawObjective.Pack(form, new LawTerms(logE, logA, alpha, logB, beta));
    }

    // Normal equations on unit-norm columns, solved by Gaussian elimination with partial pivoting; null when singular.
    private static double[]? SolveLeastSquares(double[][] columns, int[] used, int n)
    {
        int k = used.Length;
        var scale = new double[k];
        for (int a = 0; a < k; a++)
        {
            double norm = 0;
            foreach (double v in columns[used[a]])
            {
                norm += v * v;
            }

            scale[a] = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
            if (scale[a] == 0 || !double.IsFinite(scale[a]))
            {
                return null;
            }
        }

        var m = new double[k, k + 1];
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++)
                {
                    dot += columns[used[a]][i] * columns[used[b]][i];
                }

                m[a, b] = dot * scale[a] * scale[b];
            }

            double rhs = 0;
            for (int i = 0; i < n; i++)
            {
                rhs += columns[used[a]][i];
            }

            m[a, k] = rhs * scale[a];
        }

        for (int pivot = 0; pivot < k; pivot++)
        {
            int row = pivot;
            for (int r = pivot + 1; r < k; r++)
            {
                if (Math.Abs(m[r, pivot]) > Math.Abs(m[row, pivot]))
                {
                    row = r;
                }
            }

            if (Math.Abs(m[row, pivot]) < 1e-12)
            {
                return null;
            }

            for (int c = 0; c <= k; c++)
            {
                (m[pivot, c], m[row, c]) = (m[row, c], m[pivot, c]);
            }

            for (int r = 0; r < k; r++)
            {
                if (r == pivot)
                {
                    continue;
                }

                double factor = m[r, pivot] / m[pivot, pivot];
                for (int c = pivot; c <= k; c++)
                {
                    m[r, c] -= factor * m[pivot, c];
                }
            }
        }

        var solution = new double[k];
        for (int a = 0; a < k; a++)
        {
            solution[a] = m[a, k] / m[a, a] * scale[a];
        }

        return solution;
    }
}
