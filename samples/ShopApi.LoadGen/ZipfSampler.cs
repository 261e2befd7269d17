namespace ShopApi.LoadGen;

/// <summary>
/// Draws ranks 1..<see cref="Count"/> with probability proportional to 1/rank^<see cref="Exponent"/>: the skew of real
/// catalogue traffic, where a few products get most of the views. Exponent 0 is uniform; 0.99 is the YCSB default.
/// </summary>
/// <remarks>The cumulative distribution is computed once (8 bytes per rank); a draw is one binary search.</remarks>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        Count = count;
        Exponent = exponent;
        _cumulative = new double[count];
        var sum = 0.0;
        for (var rank = 1; rank <= count; rank++)
        {
            sum += 1.0 / Math.Pow(rank, exponent);
            _cumulative[rank - 1] = sum;
        }

        for (var i = 0; i < count; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    /// <summary>The number of ranks.</summary>
    public int Count { get; }

    /// <summary>The skew s: rank r is drawn with probability proportional to 1/r^s.</summary>
    public double Exponent { get; }

    /// <summary>The exact probability of drawing <paramref name="rank"/>.</summary>
    public double Probability(int rank) => _cumulative[rank - 1] - (rank > 1 ? _cumulative[rank - 2] : 0);

    /// <summary>Draws a rank in 1..<see cref="Count"/>.</summary>
    public int Sample(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        if (index < 0)
        {
            index = ~index;
        }

        return Math.Min(index, Count - 1) + 1;
    }
}
