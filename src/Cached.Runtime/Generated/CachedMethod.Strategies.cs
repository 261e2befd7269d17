using Cached.Engine;
using Cached.L1;

namespace Cached.Generated;

/// <summary>The freshness settings of a cached method, set by generated code in the object initializer.</summary>
public sealed partial class CachedMethod<T>
{
    /// <summary>The attribute's <c>StaleFor</c>: how long an expired entry may be served stale. <c>null</c>: never.</summary>
    public TimeSpan? StaleFor { get; init; }

    /// <summary>
    /// With <see cref="StaleFor"/>: how long a reader holding a stale value waits for the refresh before it takes the
    /// stale value. <c>null</c>: it does not wait (stale-while-revalidate).
    /// </summary>
    public TimeSpan? FactorySoftTimeout { get; init; }

    /// <summary>The attribute's <c>CacheNull</c>: whether a <c>null</c> result is cached. Default <c>false</c>.</summary>
    public bool CacheNull { get; init; }

    /// <summary>The attribute's <c>NullTtl</c>: the TTL of a cached <c>null</c>; <c>null</c> for <see cref="Ttl"/>.</summary>
    public TimeSpan? NullTtl { get; init; }

    /// <summary>The attribute's <c>L1Only</c>: entries stay in process memory, Redis is not used.</summary>
    public bool L1Only { get; init; }

    /// <summary>This method's settings over <paramref name="engine"/>'s defaults.</summary>
    private EntrySettings Settings(CacheEngine engine)
    {
        var settings = engine.Resolve(Ttl, Jitter, Name, DistributedLock);
        return settings with
        {
            StaleFor = StaleFor ?? TimeSpan.Zero,
            FactorySoftTimeout = FactorySoftTimeout ?? TimeSpan.Zero,
            RefreshAhead = Strategy == CacheStrategy.RefreshAhead,
            SkipsNull = !CacheNull,
            NullTtl = NullTtl,
            Flags = L1Only ? settings.Flags | CacheEngine.L1OnlyFlags : settings.Flags,
        };
    }

    /// <summary>
    /// Refresh-ahead on the allocation-free hit path: when this hit draws an early refresh, the wrapper takes the miss
    /// path instead, which has the factory, starts the refresh there and still returns the current value at once.
    /// </summary>
    private bool DrawsEarlyRefresh(CacheEngine engine, L1Entry entry)
        => Strategy == CacheStrategy.RefreshAhead && engine.RequestsEarlyRefresh(entry);
}
