using Cached.Engine;
using Cached.Telemetry;

namespace Cached;

/// <summary>
/// Many-key reads: L1 per key, then the keys L1 lacks from L2 in one round trip, then the keys still missing from one
/// factory call. Each key missed is one flight of the single-key design (<see cref="SingleFlight"/>), so single-key and
/// many-key callers of a key share its one computation, and the race guard holds per key.
/// </summary>
public sealed partial class CacheEngine
{
    /// <summary>
    /// Returns the values of <paramref name="keys"/>: each from L1 if it is there, the others from L2 in one round trip,
    /// and those still missing from one call of <paramref name="factory"/> with the list of those keys, whose results are
    /// stored (unless their key or a tag was invalidated while it ran).
    /// </summary>
    /// <typeparam name="T">The values' type.</typeparam>
    /// <param name="keys">The entries' keys; duplicates count once.</param>
    /// <param name="factory">
    /// Produces the values of the keys it is given (the keys missing from both tiers and not being computed by another
    /// caller), e.g. with one database query. A key it leaves out of its result is absent from this call's result and
    /// not cached; keys it adds are ignored. Its token is cancelled only when every caller waiting for those keys cancelled.
    /// </param>
    /// <param name="options">
    /// TTL (jittered per entry), L1 lifetime, name, negative caching and <see cref="CacheEntryOptions.L1Only"/>;
    /// <c>null</c> for the configured defaults. <see cref="CacheEntryOptions.StaleFor"/>,
    /// <see cref="CacheEntryOptions.FactorySoftTimeout"/>, <see cref="CacheEntryOptions.RefreshAhead"/> and
    /// <see cref="CacheEntryOptions.DistributedLock"/> are per-key strategies: a many-key read refuses them.
    /// </param>
    /// <param name="tags">Tags attached to every entry stored; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    /// <returns>The value of each key found or produced, by key (ordinal).</returns>
    /// <remarks>
    /// A key another caller is computing (a single-key or a many-key read) is awaited, not computed again, and the keys
    /// this call computes are joined by the callers that miss them meanwhile. A failure of the factory, or of a
    /// computation this call joined, fails the call. Redis down or slow fails nothing: L1 and the factory serve.
    /// </remarks>
    /// <exception cref="ArgumentException">A key is <c>null</c>, or <paramref name="options"/> asks for a per-key strategy.</exception>
    public ValueTask<IReadOnlyDictionary<string, T>> GetOrCreateManyAsync<T>(
        IEnumerable<string> keys,
        Func<IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        CacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return GetOrCreateManyAsync(keys, factory, static (f, missing, ct) => f(missing, ct), options, tags, cancellationToken);
    }

    /// <summary>
    /// Returns the values of <paramref name="keys"/> from L1, else L2 (one round trip), else one call of
    /// <paramref name="factory"/> with <paramref name="state"/> (no closure) and the keys still missing; see
    /// <see cref="GetOrCreateManyAsync{T}(IEnumerable{string}, Func{IReadOnlyList{string}, CancellationToken, ValueTask{IReadOnlyDictionary{string, T}}}, CacheEntryOptions?, IEnumerable{string}?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="TState">What the factory needs.</typeparam>
    /// <typeparam name="T">The values' type.</typeparam>
    /// <param name="keys">The entries' keys; duplicates count once.</param>
    /// <param name="state">Passed to <paramref name="factory"/>.</param>
    /// <param name="factory">Produces the values of the keys it is given; a key it leaves out is absent and not cached.</param>
    /// <param name="options">TTL, jitter, L1 lifetime, name, negative caching, L1 only; <c>null</c> for the configured defaults.</param>
    /// <param name="tags">Tags attached to every entry stored; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    /// <returns>The value of each key found or produced, by key (ordinal).</returns>
    /// <exception cref="ArgumentException">A key is <c>null</c>, or <paramref name="options"/> asks for a per-key strategy.</exception>
    public ValueTask<IReadOnlyDictionary<string, T>> GetOrCreateManyAsync<TState, T>(
        IEnumerable<string> keys,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        CacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(factory);
        var pending = GetOrCreateManyCoreAsync(DistinctKeys(keys), state, factory, ResolveForMany(options), ToTagArray(tags), cancellationToken);
        return SharedValues<T>.AreShared ? pending : CopyEachWhenDoneAsync(pending);
    }

    /// <summary>The values of a many-key read, each copied for this caller (see <c>SharedValues</c>).</summary>
    private async ValueTask<IReadOnlyDictionary<string, T>> CopyEachWhenDoneAsync<T>(ValueTask<IReadOnlyDictionary<string, T>> pending)
    {
        var shared = await pending.ConfigureAwait(false);
        var copies = new Dictionary<string, T>(shared.Count, StringComparer.Ordinal);
        foreach (var (key, value) in shared)
        {
            copies[key] = Copy(key, value, copier: null);
        }

        return copies;
    }

    /// <summary>
    /// The many-key read: L1 per key; one flight per key missed, joined if running, else started as part of one batch
    /// that is run in the background (<see cref="RunBatchAsync"/>); then the wait for every flight.
    /// </summary>
    internal ValueTask<IReadOnlyDictionary<string, T>> GetOrCreateManyCoreAsync<TState, T>(
        IReadOnlyList<string> keys,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        EntrySettings settings,
        string[] tags,
        CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, T>(keys.Count, StringComparer.Ordinal);
        var missed = new List<string>();
        foreach (var key in keys)
        {
            var start = CachedMetrics.ReadStart();
            if (settings.ReadsL1 && TryGetFresh<T>(key, out var entry))
            {
                CachedMetrics.Count(CachedMetrics.L1Hits, settings.Method);
                CachedMetrics.RecordRead(start, settings.Method, CachedMetrics.L1Tier);
                values[key] = entry.Value;
            }
            else
            {
                missed.Add(key);
            }
        }

        if (missed.Count == 0)
        {
            return new ValueTask<IReadOnlyDictionary<string, T>>(values);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<IReadOnlyDictionary<string, T>>(cancellationToken);
        }

        var flights = new List<Flight<T>>(missed.Count);
        List<Flight<T>>? started = null;
        foreach (var key in missed)
        {
            var flight = _flights.JoinOrStart<T>(key, out var isNew, mayEndWithoutValue: true);
            flights.Add(flight);
            if (!isNew)
            {
                CachedMetrics.Count(CachedMetrics.CoalescedWaiters, settings.Method);
            }
            else if (settings.ReadsL1 && TryGetFresh<T>(key, out var entry))
            {
                flight.Complete(entry.Value); // a flight that just completed stored it between the L1 miss and now
            }
            else
            {
                (started ??= []).Add(flight);
            }
        }

        if (started is not null)
        {
            _ = RunBatchAsync(started, state, factory, settings, tags);
        }

        return CollectAsync(values, flights, cancellationToken);
    }

    /// <summary>Waits for each flight in turn; a caller that stops waiting (cancelled, or failed by one) leaves the rest.</summary>
    private static async ValueTask<IReadOnlyDictionary<string, T>> CollectAsync<T>(
        Dictionary<string, T> values, List<Flight<T>> flights, CancellationToken cancellationToken)
    {
        var next = 0;
        try
        {
            for (; next < flights.Count; next++)
            {
                var flight = flights[next];
                var value = await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!flight.HasNoValue)
                {
                    values[flight.Key] = value;
                }
            }

            return values;
        }
        catch
        {
            // The flight that threw was left by its own wait (or has ended); the others are left here, so that a flight
            // nobody waits for any more cancels its factory.
            for (var i = next + 1; i < flights.Count; i++)
            {
                flights[i].Leave();
            }

            throw;
        }
    }

    /// <summary>
    /// Runs the flights a many-key read started: one L2 read of all their keys, then one factory call for those still
    /// missing, whose results are stored per key under the race guard (L2 writes issued together, then awaited). Never
    /// throws: a failure goes to the flights' waiters.
    /// </summary>
    private async Task RunBatchAsync<TState, T>(
        List<Flight<T>> flights,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        EntrySettings settings,
        string[] tags)
    {
        var start = CachedMetrics.ReadStart();
        var pending = flights;
        try
        {
            if (_l2 is not null && settings.ReadsL2)
            {
                SyncClockIfDue();
                pending = await CompleteFromL2Async(flights, settings, tags, start).ConfigureAwait(false);
            }

            foreach (var flight in pending)
            {
                CachedMetrics.Count(CachedMetrics.Misses, settings.Method);
                if (!settings.RunsFactory)
                {
                    flight.CompleteWithoutValue();
                }
            }

            if (pending.Count > 0 && settings.RunsFactory)
            {
                await RunBatchFactoryAsync(pending, state, factory, settings, tags, start).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (pending.Count > 0)
        {
            Log.FactoryFailed(_logger, $"{pending[0].Key} (and {pending.Count - 1} more keys of a many-key read)", ex);
            foreach (var flight in pending)
            {
                flight.Fail(ex);
            }
        }
    }

    /// <summary>Completes the flights whose keys L2 holds (one round trip for all); returns the others.</summary>
    private async ValueTask<List<Flight<T>>> CompleteFromL2Async<T>(List<Flight<T>> flights, EntrySettings settings, string[] tags, long start)
    {
        var reads = await _l2!.ReadManyAsync(KeysOf(flights), tags, settings.Method).ConfigureAwait(false);

        // Entries whose tags differ from the requested ones need their stamps read too: started together, awaited after.
        var judged = new ValueTask<(bool Found, T Value)>[reads.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            judged[i] = TryAcceptL2Async<T>(reads[i], flights[i], settings, tags);
        }

        var missing = new List<Flight<T>>();
        for (var i = 0; i < judged.Length; i++)
        {
            var (found, value) = await judged[i].ConfigureAwait(false);
            if (found)
            {
                CachedMetrics.Count(CachedMetrics.L2Hits, settings.Method);
                CachedMetrics.RecordRead(start, settings.Method, CachedMetrics.L2Tier);
                flights[i].Complete(value);
            }
            else
            {
                missing.Add(flights[i]);
            }
        }

        return missing;
    }

    /// <summary>
    /// One factory call for the keys of <paramref name="flights"/>; each result is stored unless its flight was
    /// invalidated (the race guard of <see cref="StoreUnlessInvalidatedAsync"/>, per key), then handed to its waiters.
    /// </summary>
    private async Task RunBatchFactoryAsync<TState, T>(
        List<Flight<T>> flights,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        EntrySettings settings,
        string[] tags,
        long start)
    {
        var keys = KeysOf(flights);
        IReadOnlyDictionary<string, T> produced;
        CachedMetrics.Count(CachedMetrics.FactoryRuns, settings.Method);
        using (var cancellation = new BatchCancellation([.. flights.Select(static f => f.FactoryToken)]))
        using (CachedActivities.StartBatchFactory(keys, settings.Method))
        {
            produced = await factory(state, keys, cancellation.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The factory of a many-key read returned null instead of a dictionary.");
        }

        // Every store starts (L1 at once, its L2 write issued) before any is awaited: the writes are pipelined.
        var values = new T[flights.Count];
        var found = new bool[flights.Count];
        var stores = new List<Task>(flights.Count);
        for (var i = 0; i < flights.Count; i++)
        {
            found[i] = produced.TryGetValue(flights[i].Key, out values[i]!);
            if (found[i])
            {
                stores.Add(StoreUnlessInvalidatedAsync(flights[i], values[i], settings, tags));
            }
        }

        await Task.WhenAll(stores).ConfigureAwait(false);
        CachedMetrics.RecordRead(start, settings.Method, CachedMetrics.FactoryTier);
        for (var i = 0; i < flights.Count; i++)
        {
            if (found[i])
            {
                flights[i].Complete(values[i]);
            }
            else
            {
                flights[i].CompleteWithoutValue();
            }
        }
    }

    /// <summary>
    /// A single-key caller that joined a flight of a many-key read: when that read's factory returned nothing for the
    /// key, this caller, whose own factory returns a value for every key, runs the miss path again.
    /// </summary>
    private async ValueTask<T> JoinBatchAsync<TState, T>(
        Flight<T> flight,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        EntrySettings settings,
        string[] tags,
        CancellationToken cancellationToken)
    {
        var value = await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
        return flight.HasNoValue
            ? await GetOrCreateCoreAsync(flight.Key, state, factory, settings, tags, cancellationToken).ConfigureAwait(false)
            : value;
    }

    /// <summary>The settings of a many-key read: those of a single key, without the strategies that work per key.</summary>
    private EntrySettings ResolveForMany(CacheEntryOptions? options)
    {
        var refused = options switch
        {
            { StaleFor: not null } => nameof(CacheEntryOptions.StaleFor),
            { FactorySoftTimeout: not null } => nameof(CacheEntryOptions.FactorySoftTimeout),
            { RefreshAhead: true } => nameof(CacheEntryOptions.RefreshAhead),
            { DistributedLock: true } => nameof(CacheEntryOptions.DistributedLock),
            _ => null,
        };
        return refused is null
            ? ResolveWithStrategies(options)
            : throw new ArgumentException(
                $"A many-key read does not support CacheEntryOptions.{refused}, a strategy that works per key: read those keys with GetOrCreateAsync.",
                nameof(options));
    }

    private static string[] DistinctKeys(IEnumerable<string> keys)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key is null)
            {
                throw new ArgumentException("A key of a many-key read is null.", nameof(keys));
            }

            if (seen.Add(key))
            {
                distinct.Add(key);
            }
        }

        return [.. distinct];
    }

    private static string[] KeysOf<T>(List<Flight<T>> flights)
    {
        var keys = new string[flights.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = flights[i].Key;
        }

        return keys;
    }
}
