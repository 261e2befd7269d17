namespace Cached;

public sealed partial class CacheEntryOptions
{
    /// <summary>
    /// Stale-while-revalidate and fail-safe window: an expired entry is kept this long more in L1, served at once while
    /// one background refresh runs, and served when the refresh fails. Default: <c>null</c>, none.
    /// </summary>
    public TimeSpan? StaleFor { get; init; }

    /// <summary>
    /// With <see cref="StaleFor"/>: how long a reader that holds a stale value waits for the refresh before it takes
    /// the stale value (the refresh goes on in the background). Default: <c>null</c>, it does not wait.
    /// </summary>
    public TimeSpan? FactorySoftTimeout { get; init; }

    /// <summary>
    /// Refreshes a hot entry in the background before it expires, with the probabilistic early expiration of XFetch,
    /// so its readers never wait for the factory. Default: <c>false</c>.
    /// </summary>
    public bool RefreshAhead { get; init; }

    /// <summary>
    /// Whether a <c>null</c> result is stored. Default: <c>true</c>, as <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/>
    /// does; generated <c>[Cached]</c> methods store one only with <c>CacheNull = true</c>.
    /// </summary>
    public bool CacheNull { get; init; } = true;

    /// <summary>The TTL of a stored <c>null</c> result. Default: <c>null</c>, the same as <see cref="Ttl"/>.</summary>
    public TimeSpan? NullTtl { get; init; }

    /// <summary>Keeps the entry in L1 only: Redis is neither read nor written. Default: <c>false</c>.</summary>
    public bool L1Only { get; init; }
}
