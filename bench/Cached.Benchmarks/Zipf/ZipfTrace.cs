namespace Cached.Benchmarks.Zipf;

/// <summary>
/// A fixed, seeded request trace over <see cref="Keys"/> keys whose popularity follows Zipf(<see cref="Skew"/>): the
/// key of rank r is requested with probability proportional to 1/r^s. Ranks are shuffled onto key names, so hot keys
/// are not neighbours in any structure.
/// </summary>
public static class ZipfTrace
{
    public const int Keys = 100_000;

    public const double Skew = 0.99;

    /// <summary>Requests replayed before measuring, so every cache is full and in its steady state.</summary>
    public const int WarmUp = 300_000;

    /// <summary>Requests replayed by one benchmark call.</summary>
    public const int Chunk = 200_000;

    private static readonly Lazy<string[]> s_requests = new(Generate);

    /// <summary>The key of each request: <see cref="WarmUp"/> then <see cref="Chunk"/> requests.</summary>
    public static string[] Requests => s_requests.Value;

    private static string[] Generate()
    {
        var random = new Random(20261125);
        var names = new string[Keys];
        for (var i = 0; i < Keys; i++)
        {
            names[i] = $"zipf:{i}";
        }

        random.Shuffle(names);

        var cumulative = new double[Keys];
        var sum = 0.0;
        for (var rank = 0; rank < Keys; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, Skew);
            cumulative[rank] = sum;
        }

        var requests = new string[WarmUp + Chunk];
        for (var i = 0; i < requests.Length; i++)
        {
            var rank = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            requests[i] = names[rank < 0 ? ~rank : rank];
        }

        return requests;
    }
}
