using Microsoft.Extensions.Caching.Hybrid;

namespace Cached.Engine;

/// <summary>How one call stores its entry, with the configured defaults already applied.</summary>
/// <param name="Ttl">The TTL before jitter.</param>
/// <param name="Jitter">The jitter J: the stored TTL is uniform in [Ttl−J, Ttl+J].</param>
/// <param name="LocalTtl">A shorter lifetime for the L1 copy, or <c>null</c>.</param>
/// <param name="Flags">Tiers to skip, as HybridCache defines them.</param>
/// <param name="Method">The name for logs and metrics, or <c>null</c>.</param>
internal readonly record struct EntrySettings(
    TimeSpan Ttl, TimeSpan Jitter, TimeSpan? LocalTtl, HybridCacheEntryFlags Flags, string? Method)
{
    /// <summary>Whether one node across the cluster runs the factory (a lease in Redis), not one per node.</summary>
    public bool DistributedLock { get; init; }

    /// <summary>How long an expired entry is kept to be served stale (stale-while-revalidate, fail-safe); zero for none.</summary>
    public TimeSpan StaleFor { get; init; }

    /// <summary>
    /// How long a reader holding a stale value waits for the refresh before taking the stale value; zero: not at all.
    /// </summary>
    public TimeSpan FactorySoftTimeout { get; init; }

    /// <summary>Whether hits refresh the entry in the background before it expires (XFetch).</summary>
    public bool RefreshAhead { get; init; }

    /// <summary>Whether a <c>null</c> result is left unstored (no negative caching).</summary>
    public bool SkipsNull { get; init; }

    /// <summary>The TTL of a stored <c>null</c> result; <c>null</c> for <see cref="Ttl"/>.</summary>
    public TimeSpan? NullTtl { get; init; }

    public bool ServesStale => StaleFor > TimeSpan.Zero;

    /// <summary>Whether <paramref name="value"/> is stored at all, and for how long before jitter.</summary>
    public bool TryGetTtl<T>(T value, out TimeSpan ttl)
    {
        if (value is null)
        {
            ttl = NullTtl ?? Ttl;
            return !SkipsNull;
        }

        ttl = Ttl;
        return true;
    }

    public bool ReadsL1 => (Flags & HybridCacheEntryFlags.DisableLocalCacheRead) == 0;

    public bool WritesL1 => (Flags & HybridCacheEntryFlags.DisableLocalCacheWrite) == 0;

    public bool ReadsL2 => (Flags & HybridCacheEntryFlags.DisableDistributedCacheRead) == 0;

    public bool WritesL2 => (Flags & HybridCacheEntryFlags.DisableDistributedCacheWrite) == 0;

    public bool RunsFactory => (Flags & HybridCacheEntryFlags.DisableUnderlyingData) == 0;
}
