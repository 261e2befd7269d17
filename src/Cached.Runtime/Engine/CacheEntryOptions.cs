namespace Cached;

/// <summary>Per-call settings of an entry written through <see cref="CacheEngine"/>; <c>null</c> members take the configured defaults.</summary>
public sealed partial class CacheEntryOptions
{
    /// <summary>How long the entry lives. Default: the <c>DefaultTtl</c> setting.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Jitter J: the entry lives a uniformly random time in [Ttl−J, Ttl+J]. Default: the <c>DefaultJitter</c> setting.</summary>
    public TimeSpan? Jitter { get; init; }

    /// <summary>A shorter lifetime for the L1 (memory) copy than for L2. Default: <c>null</c>, the same as L2.</summary>
    public TimeSpan? LocalTtl { get; init; }

    /// <summary>
    /// One factory run across every node sharing the Redis, not just per node: the node that takes a lease in Redis
    /// runs it, the others wait for its value in L2 (bounded), then fall back to running their own. Default: <c>false</c>.
    /// </summary>
    public bool DistributedLock { get; init; }

    /// <summary>The name under which the calls appear in metrics (<c>method</c> tag) and logs. Default: none.</summary>
    public string? Name { get; init; }
}
