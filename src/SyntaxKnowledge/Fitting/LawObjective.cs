using System.Diagnostics;

namespace SyntaxKnowledge.Fitting;

/// <summary>The terms of a law in the optimiser's coordinates: log E, centred log coefficients and exponents.</summary>
/// <param name="LogIrreducible">log E.</param>
/// <param name="LogModel">log A − α·x̄ (centred on the mean log N); −∞ without a model term.</param>
/// <param name="ModelExponent">α (0 without a model term).</param>
/// <param name="LogData">log B − β·ȳ (centred on the mean log D); −∞ without a data term.</param>
/// <param name="DataExponent">β (0 without a data term).</param>
internal readonly record struct LawTerms(double LogIrreducible, double LogModel, double ModelExponent, double LogData, double DataExponent);

/// <summary>
/// Log-loss points prepared for fitting: centred logs of the axes and the log of the loss. Centring makes the
/// coefficient/exponent pairs nearly uncorrelated (log A and α are otherwise almost collinear).
/// </summary>
internal sealed class FitData
{
    public FitData(double[] logModel, double[] logData, double[] logLoss, double centerModel, double centerData)
    {
        X = logModel;
        Y = logData;
        LogLoss = logLoss;
        CenterModel = centerModel;
        CenterData = centerData;
    }

    /// <summary>Gets log N − x̄ per point (empty without a model axis).</summary>
    public double[] X { get; }

    /// <summary>Gets log D − ȳ per point (empty without a data axis).</summary>
    public double[] Y { get; }

    /// <summary>Gets log L per point.</summary>
    public double[] LogLoss { get; }

    /// <summary>Gets x̄, the mean log N of the full data.</summary>
    public double CenterModel { get; }

    /// <summary>Gets ȳ, the mean log D of the full data.</summary>
    public double CenterData { get; }

    public int Count => LogLoss.Length;

    public static FitData From(LossObservations observations, ScalingLawForm form)
    {
        bool model = form != ScalingLawForm.DataOnly, data = form != ScalingLawForm.ModelOnly;
        double[] x = model ? observations.Parameters.Select(Math.Log).ToArray() : [];
        double[] y = data ? observations.Tokens.Select(Math.Log).ToArray() : [];
        double cx = x.Length > 0 ? x.Average() : 0, cy = y.Length > 0 ? y.Average() : 0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] -= cx;
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] -= cy;
        }

        return new FitData(x, y, observations.Losses.Select(Math.Log).ToArray(), cx, cy);
    }

    /// <summary>Returns the bootstrap resample with the given point indices (same centres, so estimates stay comparable).</summary>
    public FitData Resample(ReadOnlySpan<int> indices)
    {
        double[] x = X.Length > 0 ? new double[indices.Length] : [], y = Y.Length > 0 ? new double[indices.Length] : [], l = new double[indices.Length];
        for (int j = 0; j < indices.Length; j++)
        {
            int i = indices[j];
            if (x.Length > 0)
            {
                x[j] = X[i];
            }

            if (y.Length > 0)
            {
                y[j] = Y[i];
            }

            l[j] = LogLoss[i];
        }

        return new FitData(x, y, l, CenterModel, CenterData);
    }
}

/// <summary>
/// The robust objective J(θ) = Σᵢ Huber_δ(log L̂ᵢ(θ) − log Lᵢ) and its exact gradient, in unconstrained coordinates θ
/// per form (log-parameters for positivity):
/// Chinchilla θ = (log E, a, log α, b, log β); Syntax-Knowledge θ = (log E, a, b, t) with d = 1/(1 + e^−t),
/// so α = (1 − d)/d = e^−t and β = 1 − d = 1/(1 + e^t); data-only θ = (log E, b, log β); model-only θ = (log E, a, log α).
/// </summary>
internal static class LawObjective
{
    public static int Dimension(ScalingLawForm form) => form switch
    {
        ScalingLawForm.Chinchilla => 5,
        ScalingLawForm.SyntaxKnowledge => 4,
        _ => 3,
    };

    public static LawTerms Unpack(ScalingLawForm form, ReadOnlySpan<double> theta) => form switch
    {
        ScalingLawForm.Chinchilla => new LawTerms(theta[0], theta[1], Math.Exp(theta[2]), theta[3], Math.Exp(theta[4])),
        ScalingLawForm.SyntaxKnowledge => new LawTerms(theta[0], theta[1], Math.Exp(-theta[3]), theta[2], Logistic(-theta[3])),
        ScalingLawForm.DataOnly => new LawTerms(theta[0], double.NegativeInfinity, 0, theta[1], Math.Exp(theta[2])),
        _ => new LawTerms(theta[0], theta[1], Math.Exp(theta[2]), double.NegativeInfinity, 0),
    };

    /// <summary>Writes θ for the given terms; for the Syntax-Knowledge form the discount is taken from the data exponent, d = 1 − β.</summary>
    public static double[] Pack(ScalingLawForm form, LawTerms terms) => form switch
    {
        ScalingLawForm.Chinchilla => [terms.LogIrreducible, terms.LogModel, Math.Log(terms.ModelExponent), terms.LogData, Math.Log(terms.DataExponent)],
        ScalingLawForm.SyntaxKnowledge => [terms.LogIrreducible, terms.LogModel, terms.LogData, Math.Log(1 - terms.DataExponent) - Math.Log(terms.DataExponent)],
        ScalingLawForm.DataOnly => [terms.LogIrreducible, terms.LogData, Math.Log(terms.DataExponent)],
        _ => [terms.LogIrreducible, terms.LogModel, Math.Log(terms.ModelExponent)],
    };

    /// <summary>Huber_δ(r) = r²/2 for |r| ≤ δ, δ(|r| − δ/2) otherwise.</summary>
    public static double Huber(double residual, double delta)
    {
        double a = Math.Abs(residual);
        return a <= delta ? 0.5 * residual * residual : delta * (a - (0.5 * delta));
    }

    /// <summary>Returns J(θ) and writes ∇J(θ) into <paramref name="gradient"/> (when it is not empty).</summary>
    public static double Evaluate(ScalingLawForm form, FitData data, double delta, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        LawTerms t = Unpack(form, theta);
        bool model = data.X.Length > 0 && form != ScalingLawForm.DataOnly, dataTerm = data.Y.Length > 0 && form != ScalingLawForm.ModelOnly;
        double j = 0, gE = 0, gA = 0, gAlpha = 0, gB = 0, gBeta = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double z0 = t.LogIrreducible;
            double z1 = model ? t.LogModel - (t.ModelExponent * data.X[i]) : double.NegativeInfinity;
            double z2 = dataTerm ? t.LogData - (t.DataExponent * data.Y[i]) : double.NegativeInfinity;
            double m = Math.Max(z0, Math.Max(z1, z2));
            double e0 = Math.Exp(z0 - m), e1 = model ? Math.Exp(z1 - m) : 0, e2 = dataTerm ? Math.Exp(z2 - m) : 0;
            double s = e0 + e1 + e2;
            double residual = m + Math.Log(s) - data.LogLoss[i];
            j += Huber(residual, delta);
            if (gradient.IsEmpty)
            {
                continue;
            }

            double h = Math.Clamp(residual, -delta, delta) / s;
            gE += h * e0;
            if (model)
            {
                gA += h * e1;
                gAlpha -= h * e1 * data.X[i];
            }

            if (dataTerm)
            {
                gB += h * e2;
                gBeta -= h * e2 * data.Y[i];
            }
        }

        if (!gradient.IsEmpty)
        {
            Debug.Assert(gradient.Length == Dimension(form), "gradient length");
            switch (form)
            {
                case ScalingLawForm.Chinchilla:
                    gradient[0] = gE;
                    gradient[1] = gA;
                    gradient[2] = gAlpha * t.ModelExponent;
                    gradient[3] = gB;
                    gradient[4] = gBeta * t.DataExponent;
                    break;
                case ScalingLawForm.SyntaxKnowledge:
                    gradient[0] = gE;
                    gradient[1] = gA;
                    gradient[2] = gB;

                    // dα/dt = −α, dβ/dt = −β(1 − β) = −β·d.
                    gradient[3] = (-gAlpha * t.ModelExponent) - (gBeta * t.DataExponent * (1 - t.DataExponent));
                    break;
                case ScalingLawForm.DataOnly:
                    gradient[0] = gE;
                    gradient[1] = gB;
                    gradient[2] = gBeta * t.DataExponent;
                    break;
                default:
                    gradient[0] = gE;
                    gradient[1] = gA;
                    gradient[2] = gAlpha * t.ModelExponent;
                    break;
            }
        }

        return j;
    }

    /// <summary>Returns the residuals log L̂ᵢ − log Lᵢ at θ.</summary>
    public static double[] Residuals(ScalingLawForm form, FitData data, ReadOnlySpan<double> theta)
    {
        LawTerms t = Unpack(form, theta);
        var residuals = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            double z0 = t.LogIrreducible;
            double z1 = form != ScalingLawForm.DataOnly ? t.LogModel - (t.ModelExponent * data.X[i]) : double.NegativeInfinity;
            double z2 = form != ScalingLawForm.ModelOnly ? t.LogData - (t.DataExponent * data.Y[i]) : double.NegativeInfinity;
            double m = Math.Max(z0, Math.Max(z1, z2));
            residuals[i] = m + Math.Log(Math.Exp(z0 - m) + Math.Exp(z1 - m) + Math.Exp(z2 - m)) - data.LogLoss[i];
        }

        return residuals;
    }

    /// <summary>The logistic function 1/(1 + e^−x), evaluated without overflow.</summary>
    public static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
