using System.Globalization;
using SyntaxKnowledge.Fitting;

namespace SyntaxKnowledge.Tests.Fitting;

/// <summary>Runs samples/FitYourCurve, so the sample the guide points to keeps compiling and keeps recovering d.</summary>
public sealed class SampleTests
{
    [Fact]
    public void FitYourCurve_RecoversTheDiscountItGeneratedWith()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        ScalingLawFit fit = FitYourCurve.Demo.Run(output);
        Synthetic.AssertWithinStandardErrors(FitYourCurve.Demo.TrueDiscount, fit.Discount!);
        string report = output.ToString();
        Assert.Contains("True discount d = 0.55", report, StringComparison.Ordinal);
        Assert.Contains("Syntax-Knowledge fit:  discount = ", report, StringComparison.Ordinal);
        Assert.Contains("-> consistent", report, StringComparison.Ordinal);
    }
}
