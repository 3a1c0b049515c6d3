using System.Globalization;
using SyntaxKnowledge.Laws.Peers;
using SyntaxKnowledge.Tests.Support;

namespace SyntaxKnowledge.Tests.Laws.Peers;

/// <summary>Layer 2: the peer theories against Reference/peers_reference.py (exact values with ==, floats with stated tolerances).</summary>
public sealed class PeersGoldenTests
{
    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:G17}, got {actual:G17} (relative error {Math.Abs((actual / expected) - 1):G3} > {relative:G3})"));

    [Fact]
    public void MemorisationError_Exact_MatchesReference()
    {
        foreach (var row in Golden.Read("peers_memorisation_error.csv"))
        {
            var features = FeatureFrequencies.TruncatedZipf(row.I("features"), row.I("exponent"));
            Assert.Equal(row.R("expected"), MemorisationError.Exact(features, row.I("samples")));
        }
    }

    [Fact]
    public void QuantaLearning_UnlearnedMassExact_MatchesReference()
    {
        foreach (var row in Golden.Read("peers_unlearned_mass.csv"))
        {
            var quanta = FeatureFrequencies.TruncatedZipf(row.I("features"), row.I("exponent"));
            Assert.Equal(row.R("expected"), QuantaLearning.UnlearnedMassExact(quanta, row.I("samples"), row.I("exposures")));
        }
    }

    [Fact]
    public void QuantaLearning_LearnedProbabilityExact_MatchesReference()
    {
        foreach (var row in Golden.Read("peers_learned_probability.csv"))
        {
            var quanta = FeatureFrequencies.TruncatedZipf(row.I("features"), row.I("exponent"));
            Assert.Equal(row.R("expected"), QuantaLearning.LearnedProbabilityExact(quanta, row.I("quantum"), row.I("samples"), row.I("exposures")));
        }
    }

    [Fact]
    public void ZipfLaw_NormalizerAndTailMass_MatchReferenceTo1e13()
    {
        foreach (var row in Golden.Read("peers_zeta.csv"))
        {
            Close(row.D("expected"), ZipfLaw.Create(row.R("exponent")).Normalizer, 1e-14, "zeta(" + row["exponent"] + ")");
        }

        foreach (var row in Golden.Read("peers_zipf_tail.csv"))
        {
            Close(row.D("expected"), ZipfLaw.Create(row.R("exponent")).TailMass(row.D("ranks")), 1e-13, "tail(" + row["exponent"] + ", " + row["ranks"] + ")");
        }
    }

    [Fact]
    public void InfiniteZipfSums_MatchReferenceTo1e11()
    {
        foreach (var row in Golden.Read("peers_hutter_zipf.csv"))
        {
            Close(row.D("expected"), MemorisationError.Approximate(ZipfLaw.Create(row.R("exponent")), row.D("samples")), 1e-11, "Hutter E_n");
        }

        foreach (var row in Golden.Read("peers_santa_fe_distinct.csv"))
        {
            Close(row.D("expected"), SantaFeProcess.ExpectedDistinct(ZipfLaw.Create(row.R("exponent")), row.D("draws")), 1e-11, "Heaps E[V_n]");
        }

        foreach (var row in Golden.Read("peers_santa_fe_information.csv"))
        {
            Close(row.D("expected"), SantaFeProcess.MutualInformationBits(ZipfLaw.Create(row.R("exponent")), row.D("draws")), 1e-11, "Hilberg I_n");
        }

        foreach (var row in Golden.Read("peers_unlearned_zipf.csv"))
        {
            Close(row.D("expected"), QuantaLearning.UnlearnedMass(ZipfLaw.Create(row.R("exponent")), row.D("samples"), row.I("exposures")), 1e-11, "unlearned mass");
        }
    }

    [Fact]
    public void Chinchilla_SharesAndAllocations_MatchReference()
    {
        foreach (var row in Golden.Read("peers_chinchilla.csv"))
        {
            ChinchillaConstants constants = ChinchillaConstants.Published.Single(c => c.Name == row["constants"]);
            if (row["quantity"] == "parameters_share")
            {
                Assert.Equal(row.R("expected"), constants.ParametersShare);
                continue;
            }

            double flops = row.D("flops");
            (double n, double d) = constants.ComputeOptimal(flops);
            double actual = row["quantity"] switch
            {
                "parameters" => n,
                "tokens" => d,
                _ => constants.TokensPerParameter(flops),
            };

            // Log-space evaluation: a few ulps times ln(C/6) ~ 55.
            Close(row.D("expected"), actual, 1e-13, row["constants"] + " " + row["quantity"] + " at " + row["flops"]);
        }
    }
}
