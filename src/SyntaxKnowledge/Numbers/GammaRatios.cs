namespace SyntaxKnowledge.Numbers;

/// <summary>
/// Differences of log-gamma, digamma and trigamma values evaluated without cancellation: ln Γ(a) − ln Γ(b),
/// ln[(a)ₘ/(b)ₘ], ψ(u) − ψ(v), ψ′(v) − ψ′(u) and the second difference ln Γ(y+2d) − 2 ln Γ(y+d) + ln Γ(y).
/// </summary>
/// <remarks>
/// <para>Why: subtracting two log-gamma values of size ~ n ln n loses about log₁₀(n ln n) digits (6e-8 relative
/// at n = 10⁶, 9e-3 at 10¹², exactly 1 from 10¹⁶). Every function here takes the difference δ = a − b as its
/// own, accurately computed argument (callers compute it from exact rationals) and never forms ln Γ(a) itself.</para>
/// <para>Method (docs/03-formulas/pitman-yor.md, "Accuracy of the double-precision evaluators"):</para>
/// <list type="number">
/// <item>Arguments below <see cref="Shift"/> are shifted up by the recurrences Γ(x+1) = xΓ(x), ψ(x+1) = ψ(x) + 1/x,
/// ψ′(x+1) = ψ′(x) − 1/x²; each shift term is formed from δ (log1p(δ/b), δ/(uv)), so it has no cancellation.</item>
/// <item>For |δ| ≤ 1 and y ≥ 20: F(y, δ) = ln Γ(y+δ) − ln Γ(y) = δ ln y + Σ_{k=1}^{16} c_k(δ) y^{−k},
/// c_k(δ) = (−1)^{k+1}[B_{k+1}(δ) − B_{k+1}(0)]/(k(k+1)) with Bernoulli polynomials. On δ ∈ [−1, 1],
/// |c_k(δ)| ≤ |δ|/k for k ≤ 13 and |c_17(δ)| ≤ 0.82 |δ|, so the first omitted term is below 7e-23 |δ|. A difference
/// F(y+m, δ) − F(y, δ) is formed term by term from δ log1p(m/y) and y^{−k} − (y+m)^{−k} = (m/(y(y+m))) Σ_j …, which
/// keeps it relative-accurate even when m ≪ y.</item>
/// <item>For |δ| &gt; 1: the Stirling decomposition F(y, δ) = (y − ½) log1p(δ/y) + δ(ln(y+δ) − 1) + ω(y+δ) − ω(y),
/// ω(z) = Σ_{k=1}^{8} B_{2k}/(2k(2k−1) z^{2k−1}) (first omitted term below 1e-25 at z ≥ 20). Its absolute error is
/// about 4 ε |δ| (ln y + 3), ε = 2⁻⁵³.</item>
/// <item>Digamma and trigamma: ψ(y) = ln y − 1/(2y) − Σ_{k=1}^{8} B_{2k}/(2k y^{2k}),
/// ψ′(y) = 1/y + 1/(2y²) + Σ_{k=1}^{8} B_{2k}/y^{2k+1}, differenced term by term in the same way.</item>
/// </list>
/// <para>All members are pure and thread-safe; arguments are assumed valid (callers check their ranges).</para>
/// </remarks>
internal static class GammaRatios
{
    /// <summary>Arguments are shifted up to at least this value before an asymptotic series is used.</summary>
    internal const double Shift = 20;

    private const int SeriesTerms = 16;

    // Bernoulli numbers B_0 … B_18 (odd ones beyond B_1 are zero).
    private static readonly double[] Bernoulli =
    [
        1, -0.5, 1.0 / 6, 0, -1.0 / 30, 0, 1.0 / 42, 0, -1.0 / 30, 0, 5.0 / 66, 0, -691.0 / 2730, 0, 7.0 / 6, 0, -3617.0 / 510, 0, 43867.0 / 798,
    ];

    // Binomial coefficients C(n, j) for n ≤ 18.
    private static readonly double[][] Binomials = BuildBinomials(SeriesTerms + 2);

    /// <summary>Returns ln Γ(a) − ln Γ(b) for a, b &gt; 0, with δ = a − b given accurately.</summary>
    public static double LogGammaDifference(double a, double b, double delta)
    {
        if (delta == 0)
        {
            return 0;
        }

        double sum = 0;
        while (Math.Min(a, b) < Shift)
        {
            sum -= LogQuotient(a, b, delta);
            a += 1;
            b += 1;
        }

        return sum + Shifted(b, delta);
    }

    /// <summary>
    /// Returns ln[(a)ₘ/(b)ₘ] = ln Γ(a+m) − ln Γ(a) − ln Γ(b+m) + ln Γ(b) for a, b &gt; 0 and real m ≥ 0, with δ = a − b
    /// given accurately. For integer m and δ &gt; 0 the result is accurate relative to itself (every part is positive).
    /// </summary>
    public static double LogRisingRatio(double a, double b, double delta, double count)
    {
        if (count == 0 || delta == 0)
        {
            return 0;
        }

        double sum = 0;
        while (count >= 1 && Math.Min(a, b) < Shift)
        {
            sum += LogQuotient(a, b, delta);
            a += 1;
            b += 1;
            count -= 1;
        }

        if (count == 0)
        {
            return sum;
        }

        if (Math.Min(a, b) >= Shift)
        {
            return sum + ShiftedDifference(b, delta, count);
        }

        // A fractional remainder with small arguments: absolute accuracy only.
        return sum + LogGammaDifference(a + count, b + count, delta) - LogGammaDifference(a, b, delta);
    }

    /// <summary>Returns ln Γ(y+2d) − 2 ln Γ(y+d) + ln Γ(y) ≥ 0 for y &gt; 0 and 0 &lt; d ≤ 1, relative-accurate.</summary>
    public static double LogGammaSecondDifference(double y, double d)
    {
        double sum = 0;
        while (y < Shift)
        {
            // ln[(y+2d) y / (y+d)²] = log1p(−(d/(y+d))²).
            double t = d / (y + d);
            sum -= LogOnePlus(-(t * t));
            y += 1;
        }

        return sum + ShiftedDifference(y, d, d);
    }

    /// <summary>Returns ψ(u) − ψ(v) for u, v &gt; 0 with δ = u − v given accurately; relative-accurate.</summary>
    public static double DigammaDifference(double u, double v, double delta)
    {
        if (delta == 0)
        {
            return 0;
        }

        double sum = 0;
        while (Math.Min(u, v) < Shift)
        {
            // ψ(u) − ψ(v) = ψ(u+1) − ψ(v+1) − (1/u − 1/v), and 1/v − 1/u = δ/(uv).
            sum += delta / u / v;
            u += 1;
            v += 1;
        }

        double p = 1 / u, q = 1 / v, pq = delta / u / v; // q − p = δ/(uv)
        double result = LogOnePlus(delta / v) + (pq / 2);
        for (int k = 1; k <= 8; k++)
        {
            // q^{2k} − p^{2k} = (q − p) Σ_{j=0}^{2k−1} q^j p^{2k−1−j}
            result += Bernoulli[2 * k] / (2 * k) * pq * PowerSum(q, p, 2 * k);
        }

        return sum + result;
    }

    /// <summary>Returns ψ′(v) − ψ′(u) for u, v &gt; 0 with δ = u − v given accurately; relative-accurate.</summary>
    public static double TrigammaDifference(double u, double v, double delta)
    {
        if (delta == 0)
        {
            return 0;
        }

        double sum = 0;
        while (Math.Min(u, v) < Shift)
        {
            // ψ′(v) − ψ′(u) = ψ′(v+1) − ψ′(u+1) + 1/v² − 1/u², and 1/v² − 1/u² = δ/(uv) (1/u + 1/v).
            sum += delta / u / v * ((1 / u) + (1 / v));
            u += 1;
            v += 1;
        }

        double p = 1 / u, q = 1 / v, pq = delta / u / v; // q − p
        double result = pq + (pq * (p + q) / 2);
        for (int k = 1; k <= 8; k++)
        {
            result += Bernoulli[2 * k] * pq * PowerSum(q, p, (2 * k) + 1);
        }

        return sum + result;
    }

    /// <summary>Returns log1p(x) for x &gt; −1 (Math has no log1p; this one is accurate to a few ulp).</summary>
    public static double LogOnePlus(double x)
    {
        if (Math.Abs(x) < 1e-4)
        {
            // x − x²/2 + x³/3 − x⁴/4 + x⁵/5: the omitted term is below x⁶/6 ≤ 2e-25 |x|.
            return x * (1 - (x * ((1.0 / 2) - (x * ((1.0 / 3) - (x * ((1.0 / 4) - (x / 5))))))));
        }

        double u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        // Goldberg's correction: log(u) · x / (u − 1) is accurate to a few ulp.
        return Math.Log(u) * (x / (u - 1));
    }

    /// <summary>Returns expm1(x) = eˣ − 1, accurate to a few ulp.</summary>
    public static double ExpMinusOne(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x * (1 + (x * ((1.0 / 2) + (x * ((1.0 / 6) + (x / 24))))));
        }

        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }

        // Kahan's formula: (u − 1) x / log u with u = eˣ rounded.
        double u = Math.Exp(x);
        return u == 1 ? x : (u - 1) * x / Math.Log(u);
    }

    // ln(a/b) for one shift step, from δ when a/b is close to one.
    private static double LogQuotient(double a, double b, double delta) =>
        Math.Abs(delta) < 0.5 * b ? LogOnePlus(delta / b) : Math.Log(a / b);

    // F(y, δ) = ln Γ(y+δ) − ln Γ(y) for y, y+δ ≥ Shift.
    private static double Shifted(double y, double delta)
    {
        if (Math.Abs(delta) > 1)
        {
            return Stirling(y, delta);
        }

        double[] c = Coefficients(delta);
        double u = 1 / y, power = u, series = 0;
        for (int k = 1; k <= SeriesTerms; k++)
        {
            series += c[k] * power;
            power *= u;
        }

        return (delta * Math.Log(y)) + series;
    }

    // F(y+m, δ) − F(y, δ) for y, y+δ ≥ Shift and m > 0.
    private static double ShiftedDifference(double y, double delta, double count)
    {
        if (Math.Abs(delta) > 1)
        {
            return Stirling(y + count, delta) - Stirling(y, delta);
        }

        double[] c = Coefficients(delta);
        double z = y + count;
        double p = 1 / z, q = 1 / y, qp = count / z / y; // q − p = m/(yz), no overflow at z near double.MaxValue
        double series = 0;
        for (int k = 1; k <= SeriesTerms; k++)
        {
            // z^{−k} − y^{−k} = −(q − p) Σ_{j=0}^{k−1} q^j p^{k−1−j}
            series -= c[k] * qp * PowerSum(q, p, k);
        }

        return (delta * LogOnePlus(count / y)) + series;
    }

    // Σ_{j=0}^{k−1} q^j p^{k−1−j}, all terms positive.
    private static double PowerSum(double q, double p, int k)
    {
        // s_0 = 1, s_i = s_{i−1} p + q^i gives s_{k−1} = Σ_{j=0}^{k−1} q^j p^{k−1−j}.
        double sum = 1, qi = 1;
        for (int i = 1; i < k; i++)
        {
            qi *= q;
            sum = (sum * p) + qi;
        }

        return sum;
    }

    // The Stirling form of F(y, δ) for y, y+δ ≥ Shift.
    private static double Stirling(double y, double delta)
    {
        double t = delta / y;
        double logRatioOverT = Math.Abs(t) < 1e-4 ? 1 - (t * ((1.0 / 2) - (t * ((1.0 / 3) - (t / 4))))) : LogOnePlus(t) / t;
        double z = y + delta;
        return (delta * (1 - (0.5 / y)) * logRatioOverT) + (delta * (Math.Log(z) - 1)) + Omega(z) - Omega(y);
    }

    // ω(z) = ln Γ(z) − (z − ½) ln z + z − ½ ln 2π = Σ_{k=1}^{8} B_{2k}/(2k(2k−1) z^{2k−1}).
    private static double Omega(double z)
    {
        double u = 1 / z, u2 = u * u, power = u, sum = 0;
        for (int k = 1; k <= 8; k++)
        {
            sum += Bernoulli[2 * k] / (2 * k * ((2 * k) - 1)) * power;
            power *= u2;
        }

        return sum;
    }

    // c_k(δ) = (−1)^{k+1}[B_{k+1}(δ) − B_{k+1}(0)]/(k(k+1)), k = 1…SeriesTerms; B_n(δ) − B_n(0) = Σ_{j<n} C(n,j) B_j δ^{n−j}.
    private static double[] Coefficients(double delta)
    {
        var powers = new double[SeriesTerms + 2];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * delta;
        }

        var c = new double[SeriesTerms + 1];
        for (int k = 1; k <= SeriesTerms; k++)
        {
            int n = k + 1;
            double value = 0;
            for (int j = n - 1; j >= 0; j--)
            {
                value += Binomials[n][j] * Bernoulli[j] * powers[n - j];
            }

            c[k] = ((k & 1) == 1 ? value : -value) / (k * (k + 1));
        }

        return c;
    }

    private static double[][] BuildBinomials(int size)
    {
        var rows = new double[size + 1][];
        for (int n = 0; n <= size; n++)
        {
            rows[n] = new double[n + 1];
            rows[n][0] = rows[n][n] = 1;
            for (int j = 1; j < n; j++)
            {
                rows[n][j] = rows[n - 1][j - 1] + rows[n - 1][j];
            }
        }

        return rows;
    }
}
