using System.Diagnostics.CodeAnalysis;
using Cached.Backplane;
using Cached.Configuration;
using Cached.Engine;
using Cached.L1;
using Cached.L2;
using Cached.Serialization;
using Cached.Tags;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cached;

/// <summary>
/// The Cached engine: L1 (memory) over L2 (Redis, when configured), with single-flight misses, TTL jitter, tag
/// invalidation and a guard against storing results older than an invalidation. A singleton registered by
/// <c>AddCached</c>; the generated wrappers, <see cref="CachedHybridCache"/> and hand-written code all share it.
/// </summary>
/// <remarks>
/// <para>
/// Values of a type not known to be immutable (Microsoft's <c>HybridCache</c> rule: strings, value types without
/// references, and sealed types marked <c>[ImmutableObject(true)]</c> are shared) are copied for every caller of
/// <see cref="TryGet{T}"/>, the <c>GetOrCreate</c> methods and <see cref="SetAsync{T}"/>, through the serializer.
/// </para>
/// <para>
/// The partial files hold one concern each: <c>.L1.cs</c> (hits and stores), <c>.Stampede.cs</c> (the miss path),
/// <c>.L2.cs</c> (payloads in Redis), <c>.Invalidation.cs</c> (keys and tags), <c>.Clock.cs</c> (Redis time),
/// <c>.Many.cs</c> (many-key reads).
/// </para>
/// </remarks>
public sealed partial class CacheEngine : IDisposable
{
    private readonly CachedSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StampClock _clock;
    private readonly TagStamps _tagStamps = new();
    private readonly L1Store _l1;
    private readonly L1Clock _l1Clock;
    private readonly SingleFlight _flights;
    private readonly RedisL2? _l2;
    private readonly ICacheSerializer _serializer;

    internal CacheEngine(CachedSettings settings, TimeProvider time, ILogger logger, IConnectionMultiplexer? redis)
        : this(settings, time, logger, redis is null ? null : new RedisConnection(redis))
    {
    }

    internal CacheEngine(CachedSettings settings, TimeProvider time, ILogger logger, RedisConnection? redis)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _clock = new StampClock(time);
        _l1Clock = new L1Clock(time);
        _l1 = new L1Store(settings.L1MaxEntries, entry => !IsKept(entry), logger);
        _flights = new SingleFlight(_clock);
        _serializer = new SystemTextJsonCacheSerializer(settings.JsonSerializerOptions);
        if (redis is not null)
        {
            _l2 = new RedisL2(redis, new RedisKeyNames(settings.KeyPrefix, settings.L2MaxKeyLength), settings.L2Timeout, CreateBreaker(), logger);
            _backplane = CreateBackplane(_l2, redis);
            _clock.UncertaintyMicros = (long)settings.ClockUncertainty.TotalMicroseconds;
            SyncClockIfDue();
        }
    }

    internal CachedSettings Settings => _settings;

    internal L1Store L1 => _l1;

    internal L1Clock L1Clock => _l1Clock;

    internal TagStamps TagStamps => _tagStamps;

    internal StampClock Clock => _clock;

    internal RedisL2? L2 => _l2;

    internal RedisBackplane? Backplane => _backplane;

    internal SingleFlight Flights => _flights;

    /// <summary>Reads the L1 (memory) copy of <paramref name="key"/>, if it is there, unexpired and not invalidated. Never calls Redis.</summary>
    /// <typeparam name="T">The type the value was stored as; a value of another type is not returned.</typeparam>
    /// <param name="key">The entry's key.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>Whether a valid L1 entry of type <typeparamref name="T"/> was found.</returns>
    public bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (TryGetFresh<T>(key, out var entry))
        {
            value = SharedValues<T>.AreShared ? entry.Value : CopyOf(entry, copier: null);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Returns the value of <paramref name="key"/> from L1, else L2, else runs <paramref name="factory"/> once for all
    /// concurrent callers of this key and stores its result (unless the key or a tag was invalidated meanwhile).
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The entry's key.</param>
    /// <param name="factory">Produces the value on a miss. Its token is cancelled only when every waiting caller cancelled.</param>
    /// <param name="options">TTL, jitter, L1 lifetime and name; <c>null</c> for the configured defaults.</param>
    /// <param name="tags">Tags attached to a stored entry; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    public ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        CacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return GetOrCreateAsync(key, factory, static (f, ct) => f(ct), options, tags, cancellationToken);
    }

    /// <summary>
    /// Returns the value of <paramref name="key"/> from L1, else L2, else runs <paramref name="factory"/> with
    /// <paramref name="state"/> (no closure) once for all concurrent callers of this key, and stores its result.
    /// </summary>
    /// <typeparam name="TState">What the factory needs.</typeparam>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The entry's key.</param>
    /// <param name="state">Passed to <paramref name="factory"/>.</param>
    /// <param name="factory">Produces the value on a miss. Its token is cancelled only when every waiting caller cancelled.</param>
    /// <param name="options">TTL, jitter, L1 lifetime and name; <c>null</c> for the configured defaults.</param>
    /// <param name="tags">Tags attached to a stored entry; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    public ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        CacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);
        return GetOrCreateCoreAsync(
            key, state, factory, ResolveWithStrategies(options), ToTagArray(tags), cancellationToken, copies: !SharedValues<T>.AreShared);
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> in L1 and L2, replacing any entry; a factory of
    /// this key running meanwhile does not overwrite it.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The entry's key.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">TTL, jitter, L1 lifetime and name; <c>null</c> for the configured defaults.</param>
    /// <param name="tags">Tags attached to the entry; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Not observed once the write started: a write is not left half done.</param>
    public ValueTask SetAsync<T>(
        string key,
        T value,
        CacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return SetCoreAsync(key, value, ResolveWithStrategies(options), ToTagArray(tags), copies: !SharedValues<T>.AreShared);
    }

    /// <summary>Removes the entry of <paramref name="key"/> from L1 and L2; a factory of this key running meanwhile does not store its result.</summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="cancellationToken">Not observed once the removal started.</param>
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RemoveKeysAsync([key]);
    }

    /// <summary>Removes the entries of <paramref name="keys"/> from L1 and L2 (pipelined).</summary>
    /// <param name="keys">The keys; <c>null</c> is treated as empty.</param>
    /// <param name="cancellationToken">Not observed once the removal started.</param>
    public ValueTask RemoveAsync(IEnumerable<string>? keys, CancellationToken cancellationToken = default)
        => RemoveKeysAsync(Distinct(keys));

    /// <summary>
    /// Invalidates every entry carrying <paramref name="tag"/>, on every node that shares the Redis: O(1), one stamp
    /// per tag, no scan. <c>"*"</c> invalidates everything.
    /// </summary>
    /// <param name="tag">The tag.</param>
    /// <param name="cancellationToken">Not observed once the invalidation started.</param>
    public ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return RemoveTagsAsync([tag]);
    }

    /// <summary>Invalidates every entry carrying any of <paramref name="tags"/>.</summary>
    /// <param name="tags">The tags; <c>null</c> is treated as empty.</param>
    /// <param name="cancellationToken">Not observed once the invalidation started.</param>
    public ValueTask RemoveByTagAsync(IEnumerable<string>? tags, CancellationToken cancellationToken = default)
        => RemoveTagsAsync(Distinct(tags));

    /// <summary>Stops the engine's background work (the backplane heartbeat). The container that created it calls this.</summary>
    public void Dispose() => _backplane?.Dispose();

    /// <summary>The settings of a call of the hand-written API.</summary>
    internal EntrySettings Resolve(CacheEntryOptions? options)
        => new(
            options?.Ttl ?? _settings.DefaultTtl,
            options?.Jitter ?? _settings.DefaultJitter,
            options?.LocalTtl,
            HybridCacheEntryFlags.None,
            options?.Name)
        { DistributedLock = options?.DistributedLock ?? false };

    /// <summary>The settings of a <see cref="HybridCache"/> call: its expiration, else the defaults with their jitter.</summary>
    internal EntrySettings Resolve(HybridCacheEntryOptions? options)
        => new(
            options?.Expiration ?? _settings.DefaultTtl,
            options?.Expiration is null ? _settings.DefaultJitter : TimeSpan.Zero,
            options?.LocalCacheExpiration,
            options?.Flags ?? HybridCacheEntryFlags.None,
            Method: null);

    /// <summary>The settings of a generated method: its attribute's TTL and jitter, else the defaults.</summary>
    internal EntrySettings Resolve(TimeSpan? ttl, TimeSpan? jitter, string name, bool distributedLock = false)
        => new(ttl ?? _settings.DefaultTtl, jitter ?? _settings.DefaultJitter, null, HybridCacheEntryFlags.None, name)
        { DistributedLock = distributedLock };

    internal static string[] ToTagArray(IEnumerable<string>? tags)
        => tags switch
        {
            null => [],
            string[] array => array,
            _ => [.. tags],
        };

    private static string[] Distinct(IEnumerable<string>? items)
        => items is null ? [] : [.. items.Where(static item => item is not null).Distinct(StringComparer.Ordinal)];
}
