namespace ShopApi.LoadGen;

/// <summary>The part of ShopApi's <c>GET /cache/stats</c> a run needs: the engine's counters and the database queries.</summary>
public sealed record ShopStats(bool Caching, bool Redis, long DatabaseQueries, IReadOnlyList<ShopMethodStats> Methods)
{
    /// <summary>Reads served from L1 or L2, over every method.</summary>
    public long Hits => Methods.Sum(m => m.L1Hits + m.L2Hits);

    /// <summary>Reads that ran the underlying method, over every method.</summary>
    public long Misses => Methods.Sum(m => m.Misses);
}

/// <summary>One cached method's counters on <c>/cache/stats</c>.</summary>
public sealed record ShopMethodStats(string Method, long L1Hits, long L2Hits, long Misses);
