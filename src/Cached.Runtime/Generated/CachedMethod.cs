using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Cached.Engine;
using Cached.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;

namespace Cached.Generated;

/// <summary>
/// The policy of one <see cref="CachedAttribute">[Cached]</see> method, held by the generated wrapper in a static
/// field and created once. For generated code; not a stable API.
/// </summary>
/// <typeparam name="T">The method's result type (the <c>T</c> of <c>Task&lt;T&gt;</c>).</typeparam>
/// <remarks>
/// Every member takes the <see cref="HybridCache"/> the wrapper was given. When it is Cached's own, calls go straight
/// to the engine (an L1 hit allocates nothing); any other <see cref="HybridCache"/> is used through its public API.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class CachedMethod<T>
{
    /// <summary>Describes a cached method.</summary>
    /// <param name="name">The method's display name for logs and metrics, e.g. <c>Shop.Catalog.GetProductAsync</c>.</param>
    /// <param name="keyPrefix">The method's identity and a hash of its result type's shape; keys start with its short form.</param>
    /// <param name="ttl">The <c>Ttl</c> of the attribute, parsed at compile time; <c>null</c> takes <c>DefaultTtl</c>.</param>
    /// <param name="jitter">The <c>Jitter</c> of the attribute; <c>null</c> takes <c>DefaultJitter</c>.</param>
    /// <param name="strategy">The attribute's <c>Strategy</c>.</param>
    public CachedMethod(string name, string keyPrefix, TimeSpan? ttl, TimeSpan? jitter, CacheStrategy strategy)
        : this(name, keyPrefix, ttl, jitter, strategy, distributedLock: false)
    {
    }

    /// <summary>Describes a cached method whose factory runs once across the cluster.</summary>
    /// <param name="name">The method's display name for logs and metrics, e.g. <c>Shop.Catalog.GetProductAsync</c>.</param>
    /// <param name="keyPrefix">The method's identity and a hash of its result type's shape; keys start with its short form.</param>
    /// <param name="ttl">The <c>Ttl</c> of the attribute, parsed at compile time; <c>null</c> takes <c>DefaultTtl</c>.</param>
    /// <param name="jitter">The <c>Jitter</c> of the attribute; <c>null</c> takes <c>DefaultJitter</c>.</param>
    /// <param name="strategy">The attribute's <c>Strategy</c>.</param>
    /// <param name="distributedLock">The attribute's <c>DistributedLock</c>: one factory run across every node, not per node.</param>
    public CachedMethod(string name, string keyPrefix, TimeSpan? ttl, TimeSpan? jitter, CacheStrategy strategy, bool distributedLock)
    {
        Name = name;
        KeyPrefix = MethodKeyId.Of(keyPrefix);
        Ttl = ttl;
        Jitter = jitter;
        Strategy = strategy;
        DistributedLock = distributedLock;
    }

    /// <summary>The method's display name for logs and metrics.</summary>
    public string Name { get; }

    /// <summary>
    /// The first segment of every key of this method: a short id (the method's name, <c>~</c> and 11 characters of a
    /// hash of the prefix given to the constructor), the same in every process, so that an L1 hit hashes a short key.
    /// </summary>
    public string KeyPrefix { get; }

    /// <summary>The attribute's TTL, or <c>null</c> for the configured default.</summary>
    public TimeSpan? Ttl { get; }

    /// <summary>The attribute's jitter, or <c>null</c> for the configured default.</summary>
    public TimeSpan? Jitter { get; }

    /// <summary>The attribute's strategy.</summary>
    public CacheStrategy Strategy { get; }

    /// <summary>Whether the factory runs once across the cluster (a lease in Redis), not once per node.</summary>
    public bool DistributedLock { get; }

    private HybridCacheEntryOptions? _foreignOptions;

    /// <summary>
    /// The fast path of a <c>Task&lt;T&gt;</c> method: a completed task for a valid L1 entry of <paramref name="key"/>,
    /// reused across hits, so a hit allocates nothing.
    /// </summary>
    public bool TryGetCompletedTask(HybridCache cache, ReadOnlySpan<char> key, [NotNullWhen(true)] out Task<T>? task)
    {
        var start = CachedMetrics.ReadStart();
        if (cache is CachedHybridCache cached && cached.Engine.TryGetFresh<T>(key, out var entry) && !DrawsEarlyRefresh(cached.Engine, entry))
        {
            CachedMetrics.Count(CachedMetrics.L1Hits, Name);
            CachedMetrics.RecordRead(start, Name, CachedMetrics.L1Tier);
            task = CopyOnRead ? Task.FromResult(cached.Engine.CopyOf(entry, Copier)) : entry.CompletedTask;
            return true;
        }

        task = null;
        return false;
    }

    /// <summary>The fast path of a <c>ValueTask&lt;T&gt;</c> or synchronous method: the value of a valid L1 entry.</summary>
    public bool TryGetValue(HybridCache cache, ReadOnlySpan<char> key, [MaybeNullWhen(false)] out T value)
    {
        var start = CachedMetrics.ReadStart();
        if (cache is CachedHybridCache cached && cached.Engine.TryGetFresh<T>(key, out var entry) && !DrawsEarlyRefresh(cached.Engine, entry))
        {
            CachedMetrics.Count(CachedMetrics.L1Hits, Name);
            CachedMetrics.RecordRead(start, Name, CachedMetrics.L1Tier);
            value = CopyOnRead ? cached.Engine.CopyOf(entry, Copier) : entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The miss path: L1, then L2, then one factory run per key across concurrent callers; the result is stored with
    /// <paramref name="tags"/> unless an invalidation of the key or a tag happened while the factory ran.
    /// </summary>
    /// <param name="cache">The wrapper's cache.</param>
    /// <param name="key">The full key built by <see cref="CacheKeyBuilder"/>.</param>
    /// <param name="state">What the factory needs (the inner service and the arguments), to avoid a closure.</param>
    /// <param name="factory">Calls the real method. Its token is cancelled only when every waiting caller has cancelled.</param>
    /// <param name="tags">The entry's tags, evaluated from the attribute's templates; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    public ValueTask<T> GetOrCreateAsync<TState>(
        HybridCache cache,
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        string[]? tags,
        CancellationToken cancellationToken)
    {
        if (cache is CachedHybridCache cached)
        {
            var engine = cached.Engine;
            return engine.GetOrCreateCoreAsync(key, state, factory, Settings(engine), tags ?? [], cancellationToken, CopyOnRead, Copier);
        }

        // Any other HybridCache: its public API, with this method's expiration and tags (no single-flight
        // guarantees, race guard or jitter beyond what that cache offers).
        return cache.GetOrCreateAsync(key, state, factory, ForeignEntryOptions(), tags, cancellationToken);
    }

    /// <summary>The miss path of a synchronous method; blocks on L2 like any synchronous caller of a remote cache.</summary>
    public T GetOrCreate<TState>(HybridCache cache, string key, TState state, Func<TState, T> factory, string[]? tags)
    {
        var pending = GetOrCreateAsync(
            cache,
            key,
            (State: state, Factory: factory),
            static (call, _) => new ValueTask<T>(call.Factory(call.State)),
            tags,
            CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Write-through: stores <paramref name="value"/> under <paramref name="key"/> with this method's TTL, jitter and
    /// <paramref name="tags"/>. Call it after the write's own invalidations: the entry is then newer than their stamps.
    /// A factory of this key still running does not overwrite it.
    /// </summary>
    /// <param name="cache">The wrapper's cache.</param>
    /// <param name="key">The full key built by <see cref="CacheKeyBuilder"/>.</param>
    /// <param name="value">The write's result.</param>
    /// <param name="tags">The entry's tags, evaluated from this method's templates; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Observed before the write starts only.</param>
    public ValueTask SetAsync(HybridCache cache, string key, T value, string[]? tags, CancellationToken cancellationToken)
    {
        if (cache is CachedHybridCache cached)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var engine = cached.Engine;
            return engine.SetCoreAsync(key, value, Settings(engine), tags ?? [], CopyOnRead, Copier);
        }

        return cache.SetAsync(key, value, ForeignEntryOptions(), tags, cancellationToken);
    }

    /// <summary>Evicts this method's entry for <paramref name="key"/> (a linked write of a cache-aside method).</summary>
    /// <param name="cache">The wrapper's cache.</param>
    /// <param name="key">The full key built by <see cref="CacheKeyBuilder"/>.</param>
    /// <param name="cancellationToken">Observed before the removal starts only.</param>
    public ValueTask RemoveAsync(HybridCache cache, string key, CancellationToken cancellationToken)
        => cache.RemoveAsync(key, cancellationToken);

    /// <summary>
    /// Entry options for a foreign <see cref="HybridCache"/>: <c>null</c> (its defaults) when the attribute sets no
    /// TTL; one shared instance without jitter; a fresh one per call with jitter (the TTL differs per entry).
    /// </summary>
    private HybridCacheEntryOptions? ForeignEntryOptions()
    {
        if (Ttl is not { } ttl)
        {
            return null;
        }

        if (Jitter is not { } jitter || jitter <= TimeSpan.Zero)
        {
            return _foreignOptions ??= new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl };
        }

        var jittered = TtlJitter.Apply(ttl, jitter);
        return new HybridCacheEntryOptions { Expiration = jittered, LocalCacheExpiration = jittered };
    }
}
