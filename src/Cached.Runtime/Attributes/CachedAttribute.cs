namespace Cached;

/// <summary>
/// Caches the results of a method. The Cached source generator turns the attribute into a caching wrapper at build
/// time: a decorator registered by <c>AddCachedDecorators()</c>, or the body of a <c>partial</c> method.
/// </summary>
/// <remarks>
/// The method must return <see cref="Task{TResult}"/>, <see cref="ValueTask{TResult}"/> or a value. Its key is built
/// from the method's identity and its arguments (invariant culture, separators escaped); a
/// <see cref="CancellationToken"/> and any parameter marked <see cref="NotCacheKeyAttribute">[NotCacheKey]</see> stay
/// out of it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CachedAttribute : Attribute
{
    /// <summary>
    /// How long an entry lives, as a duration string: <c>"500ms"</c>, <c>"30s"</c>, <c>"5m"</c>, <c>"2h"</c>,
    /// <c>"1d"</c> or <c>hh:mm:ss</c>. Parsed at compile time. Default: the <c>DefaultTtl</c> setting (<c>5m</c>).
    /// </summary>
    public string? Ttl { get; set; }

    /// <summary>
    /// Spread added to <see cref="Ttl"/> so that entries written together do not expire together: with jitter J an
    /// entry lives a uniformly random time in [Ttl−J, Ttl+J]. Duration string. Default: the <c>DefaultJitter</c>
    /// setting (<c>0s</c>).
    /// </summary>
    public string? Jitter { get; set; }

    /// <summary>How entries are kept in step with writes. Default: <see cref="CacheStrategy.CacheAside"/>.</summary>
    public CacheStrategy Strategy { get; set; }

    /// <summary>
    /// Tag templates attached to every entry, such as <c>"product:{id}"</c> or <c>"category:{query.Category}"</c>;
    /// <c>{param}</c> and <c>{param.Member}</c> name the method's parameters. An
    /// <see cref="InvalidatesCacheAttribute">[InvalidatesCache]</see> naming a tag evicts every entry carrying it.
    /// </summary>
    public string[] Tags { get; set; } = [];

    /// <summary>
    /// A key template replacing the default key (method identity plus every argument), for example
    /// <c>"product:{id}"</c>. Placeholders as in <see cref="Tags"/>. Default: none.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// Stale-while-revalidate and fail-safe window, as a duration string. Once an entry's TTL has passed it is kept
    /// for this long more: a reader gets the stale value at once while one background refresh runs, and when the
    /// refresh throws the stale value goes on being served (logged and counted) until the window closes; after it,
    /// readers wait for the method and see its exception. An entry removed by an invalidation is never served stale.
    /// The stale copy is the node's own L1 copy. Default: none (an expired entry is a miss).
    /// </summary>
    public string? StaleFor { get; set; }

    /// <summary>
    /// Caches <c>null</c> results (negative caching), for <see cref="NullTtl"/>. Default: <c>false</c>, a <c>null</c>
    /// result is returned but not stored, so a row created later is seen by the next read without waiting for a TTL.
    /// </summary>
    public bool CacheNull { get; set; }

    /// <summary>
    /// The TTL of a cached <c>null</c> result when <see cref="CacheNull"/> is set, as a duration string; jitter applies
    /// as to other entries. Default: <see cref="Ttl"/>.
    /// </summary>
    public string? NullTtl { get; set; }

    /// <summary>
    /// Keeps this method's entries in L1 (process memory) only: Redis is neither read nor written for them. For values
    /// cheap to compute per node, or that must not leave the process. Default: <c>false</c>.
    /// </summary>
    public bool L1Only { get; set; }

    /// <summary>
    /// Runs the method once across every node sharing the Redis on a miss, not once per node: the node holding a lease
    /// in Redis (<c>SET NX PX</c> with a token) runs it, the others wait for its value, bounded, then run their own.
    /// For expensive methods read by many nodes at once. Default: <c>false</c>.
    /// </summary>
    public bool DistributedLock { get; set; }
}
