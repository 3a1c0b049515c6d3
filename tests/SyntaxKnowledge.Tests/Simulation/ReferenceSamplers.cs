using SyntaxKnowledge.Simulation;

namespace SyntaxKnowledge.Tests.Simulation;

/// <summary>
/// The samplers as first written (foundation commit): plain loops calling <see cref="CounterRandom.Uniform"/>(i)
/// and counting blocks as they go. The optimised samplers must reproduce them bit for bit.
/// </summary>
internal static class ReferenceSamplers
{
    public static int Distinct(double discount, double concentration, int draws, CounterRandom random)
    {
        int k = 1;
        double threshold = concentration + discount;
        for (int i = 1; i < draws; i++)
        {
            if (random.Uniform((ulong)i) * (concentration + i) < threshold)
            {
                k++;
                threshold += discount;
            }
        }

        return k;
    }

    public static int[] Seating(double discount, double concentration, int draws, CounterRandom random)
    {
        var counts = new int[draws];
        var repeats = new int[draws];
        counts[0] = 1;
        int k = 1, r = 0;
        double oneMinusDiscount = 1 - discount;
        for (int i = 1; i < draws; i++)
        {
            double newWeight = concentration + (k * discount);
            double v = random.Uniform((ulong)i) * (concentration + i);
            if (v < newWeight)
            {
                counts[k] = 1;
                k++;
                continue;
            }

            double w = v - newWeight;
            int block;
            if (w < r)
            {
                block = repeats[(int)w];
            }
            else
            {
                block = (int)((w - r) / oneMinusDiscount);
                if (block >= k)
                {
                    block = k - 1;
                }
            }

            counts[block]++;
            repeats[r++] = block;
        }

        return counts[..k];
    }
}
