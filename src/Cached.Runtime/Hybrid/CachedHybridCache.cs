using Microsoft.Extensions.Caching.Hybrid;

namespace Cached;

/// <summary>
/// Cached's <see cref="HybridCache"/>: code written against <see cref="HybridCache"/> runs on the same
/// <see cref="CacheEngine"/> as the generated wrappers. Registered as the <see cref="HybridCache"/> service by
/// <c>AddCached</c>, replacing any other.
/// </summary>
/// <remarks>
/// <see cref="HybridCacheEntryOptions.Expiration"/> sets the TTL (no jitter); without it, the configured
/// <c>DefaultTtl</c> and <c>DefaultJitter</c> apply. <see cref="HybridCacheEntryOptions.LocalCacheExpiration"/> caps
/// the L1 copy's lifetime. The flags that skip L1 or L2 reads or writes, or the factory, are honoured;
/// <see cref="HybridCacheEntryFlags.DisableCompression"/> has nothing to disable. As with Microsoft's
/// <see cref="HybridCache"/>, a value of a type not known to be immutable (see <c>SharedValues</c>) is copied for every
/// caller, through the configured serializer.
/// </remarks>
public sealed class CachedHybridCache : HybridCache
{
    /// <summary>Wraps <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine registered by <c>AddCached</c>.</param>
    public CachedHybridCache(CacheEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine behind this cache; generated code finds it with a type test.</summary>
    public CacheEngine Engine { get; }

    /// <inheritdoc/>
    public override ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);
        return Engine.GetOrCreateCoreAsync(
            key, state, factory, Engine.Resolve(options), CacheEngine.ToTagArray(tags), cancellationToken, copies: !SharedValues<T>.AreShared);
    }

    /// <inheritdoc/>
    public override ValueTask SetAsync<T>(
        string key,
        T value,
        HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Engine.SetCoreAsync(key, value, Engine.Resolve(options), CacheEngine.ToTagArray(tags), copies: !SharedValues<T>.AreShared);
    }

    /// <inheritdoc/>
    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
        => Engine.RemoveAsync(key, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask RemoveAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
        => Engine.RemoveAsync(keys, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
        => Engine.RemoveByTagAsync(tag, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask RemoveByTagAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
        => Engine.RemoveByTagAsync(tags, cancellationToken);
}
