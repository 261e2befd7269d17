using ShopApi.LoadGen;

namespace ShopApi.Tests;

public sealed class ZipfSamplerTests
{
    private const int Draws = 200_000;

    [Fact]
    public void Probabilities_follow_one_over_rank_to_the_s_and_sum_to_one()
    {
        var sampler = new ZipfSampler(1000, 0.99);

        var total = Enumerable.Range(1, 1000).Sum(sampler.Probability);

        Assert.Equal(1.0, total, 9);
        Assert.Equal(Math.Pow(2, 0.99), sampler.Probability(1) / sampler.Probability(2), 9);
        Assert.Equal(Math.Pow(100, 0.99), sampler.Probability(1) / sampler.Probability(100), 6);
    }

    [Fact]
    public void Draws_match_the_distribution_at_the_head_and_in_the_tail()
    {
        var sampler = new ZipfSampler(1000, 0.99);
        var counts = Histogram(sampler, new Random(7));

        // Four standard deviations of a binomial count: fails on a wrong shape, not on sampling noise.
        foreach (var rank in new[] { 1, 2, 3, 10, 100 })
        {
            var expected = sampler.Probability(rank) * Draws;
            Assert.InRange(counts[rank], expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
        }

        var tailExpected = Enumerable.Range(501, 500).Sum(sampler.Probability) * Draws;
        var tail = Enumerable.Range(501, 500).Sum(r => counts[r]);
        Assert.InRange(tail, tailExpected - 4 * Math.Sqrt(tailExpected), tailExpected + 4 * Math.Sqrt(tailExpected));
    }

    [Fact]
    public void Every_draw_is_a_rank_in_range_and_the_hot_ranks_dominate()
    {
        var counts = Histogram(new ZipfSampler(1000, 0.99), new Random(11));

        Assert.Equal(0, counts[0]);
        Assert.Equal(Draws, counts.Sum());
        Assert.True(counts.Take(11).Sum() > Draws / 3, "the top ten ranks draw over a third of a Zipf(0.99) workload");
    }

    [Fact]
    public void Exponent_zero_is_uniform()
    {
        var sampler = new ZipfSampler(10, 0);
        var counts = Histogram(sampler, new Random(3));

        Assert.All(Enumerable.Range(1, 10), rank => Assert.InRange(counts[rank], Draws / 10 * 0.97, Draws / 10 * 1.03));
    }

    [Fact]
    public void A_single_rank_is_always_drawn()
    {
        var sampler = new ZipfSampler(1, 1.2);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(1, sampler.Sample(Random.Shared)));
    }

    private static int[] Histogram(ZipfSampler sampler, Random random)
    {
        var counts = new int[sampler.Count + 1];
        for (var i = 0; i < Draws; i++)
        {
            counts[sampler.Sample(random)]++;
        }

        return counts;
    }
}
