using Microsoft.Extensions.Caching.Hybrid;

namespace Cached.Engine;

/// <summary>How one call stores its entry, with the configured defaults already applied.</summary>
/// <param name="Ttl">The TTL before jitter.</param>
/// <param name="Jitter">The jitter J: the stored TTL is uniform in [Ttl−J, Ttl+J].</param>
/// <param name="LocalTtl">A shorter lifetime for the L1 copy, or <c>null</c>.</param>
/// <param name="Flags">Tiers to skip, as HybridCache defines them.</param>
/// <param name="Method">The name for logs and metrics, or <c>null</c>.</param>
internal readonly partial record struct EntrySettings(
    TimeSpan Ttl, TimeSpan Jitter, TimeSpan? LocalTtl, HybridCacheEntryFlags Flags, string? Method)
{
    public bool ReadsL1 => (Flags & HybridCacheEntryFlags.DisableLocalCacheRead) == 0;

    public bool WritesL1 => (Flags & HybridCacheEntryFlags.DisableLocalCacheWrite) == 0;

    public bool ReadsL2 => (Flags & HybridCacheEntryFlags.DisableDistributedCacheRead) == 0;

    public bool WritesL2 => (Flags & HybridCacheEntryFlags.DisableDistributedCacheWrite) == 0;

    public bool RunsFactory => (Flags & HybridCacheEntryFlags.DisableUnderlyingData) == 0;
}
