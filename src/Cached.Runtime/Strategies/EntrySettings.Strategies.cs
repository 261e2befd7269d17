namespace Cached.Engine;

/// <summary>The freshness strategies of one call: stale serving, early refresh and negative caching.</summary>
internal readonly partial record struct EntrySettings
{
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
}
