using Cached.Backplane;
using Cached.Engine;
using Cached.Generated;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    /// <summary>
    /// The miss path shared by every front end: L1, then one flight per key (L1 again, L2, the factory), then the
    /// store, guarded against invalidations that happened while the flight ran.
    /// </summary>
    /// <param name="key">The full key.</param>
    /// <param name="state">What the factory needs.</param>
    /// <param name="factory">Produces the value on a miss.</param>
    /// <param name="settings">The call's settings.</param>
    /// <param name="tags">The entry's tags.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    /// <param name="copies">
    /// Whether the caller gets its own copy of the value (a mutable type): from the entry's serialized form on a hit, a
    /// copy of the flight's result on a miss. The instance stored in L1 is never handed out then.
    /// </param>
    /// <param name="copier">With <paramref name="copies"/>: the generated deep copy of the type, if there is one.</param>
    internal ValueTask<T> GetOrCreateCoreAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        EntrySettings settings,
        string[] tags,
        CancellationToken cancellationToken,
        bool copies = false,
        ResultCopier<T>? copier = null)
    {
        var start = CachedMetrics.ReadStart();
        if (settings.ReadsL1 && TryGetFresh<T>(key, out var entry))
        {
            CachedMetrics.Count(CachedMetrics.L1Hits, settings.Method);
            CachedMetrics.RecordRead(start, settings.Method, CachedMetrics.L1Tier);
            if (settings.RefreshAhead)
            {
                RefreshEarlyIfDue(entry, state, factory, settings, tags);
            }

            return new ValueTask<T>(copies ? CopyOf(entry, copier) : entry.Value);
        }

        var pending = GetOnMissAsync(key, state, factory, settings, tags, cancellationToken);
        return copies ? CopyWhenDone(key, pending, copier) : pending;
    }

    /// <summary>An L1 miss: a stale value if the settings serve one, else the key's flight, joined or started.</summary>
    private ValueTask<T> GetOnMissAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        EntrySettings settings,
        string[] tags,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        if (settings.ServesStale && settings.ReadsL1 && TryGetStale<T>(key, out var stale))
        {
            return ServeStaleAsync(stale, state, factory, settings, tags, cancellationToken);
        }

        var flight = _flights.JoinOrStart<T>(key, out var started, cancellable: cancellationToken.CanBeCanceled);
        if (started)
        {
            _ = RunFlightAsync(flight, state, factory, settings, tags);
        }
        else
        {
            CachedMetrics.Count(CachedMetrics.CoalescedWaiters, settings.Method);
            if (flight.MayEndWithoutValue)
            {
                return JoinBatchAsync(flight, state, factory, settings, tags, cancellationToken);
            }
        }

        return flight.WaitAsync(cancellationToken);
    }

    /// <summary>Runs a flight to its end; never throws (a failure goes to the flight's waiters).</summary>
    private async Task RunFlightAsync<TState, T>(
        Flight<T> flight,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        EntrySettings settings,
        string[] tags)
    {
        var start = CachedMetrics.ReadStart();
        try
        {
            // A flight that just completed may have stored the value between this caller's L1 miss and now.
            if (settings.ReadsL1 && TryGetFresh<T>(flight.Key, out var entry))
            {
                flight.Complete(entry.Value);
                return;
            }

            if (_l2 is not null && settings.ReadsL2)
            {
                SyncClockIfDue();
                var (found, fromL2) = await TryReadL2Async(flight, settings, tags).ConfigureAwait(false);
                if (found)
                {
                    CachedMetrics.Count(CachedMetrics.L2Hits, settings.Method);
                    CachedMetrics.RecordRead(start, settings.Method, CachedMetrics.L2Tier);
                    flight.Complete(fromL2);
                    return;
                }
            }

            CachedMetrics.Count(CachedMetrics.Misses, settings.Method);
            if (!settings.RunsFactory)
            {
                flight.Complete(default!);
                return;
            }

            var lease = settings.DistributedLock && _l2 is not null ? await AcquireLeaseOrAwaitValueAsync(flight, settings, tags).ConfigureAwait(false) : null;
            if (lease is { ValueFound: true })
            {
                CachedMetrics.Count(CachedMetrics.L2Hits, settings.Method);
                flight.Complete(lease.Value);
                return;
            }

            T value;
            try
            {
                CachedMetrics.Count(CachedMetrics.FactoryRuns, settings.Method);
                using (CachedActivities.StartFactory(flight.Key, settings.Method))
                {
                    value = await factory(state, flight.FactoryToken).ConfigureAwait(false);
                }

                await StoreUnlessInvalidatedAsync(flight, value, settings, tags).ConfigureAwait(false);
                CachedMetrics.RecordRead(start, settings.Method, CachedMetrics.FactoryTier);
            }
            finally
            {
                await ReleaseLeaseAsync(lease).ConfigureAwait(false);
            }

            flight.Complete(value);
        }
        catch (Exception ex)
        {
            Log.FactoryFailed(_logger, flight.Key, ex);
            flight.Fail(ex);
        }
    }

    /// <summary>
    /// The race guard: a result is stored only if neither its key nor any of its tags was invalidated since the
    /// flight began (its value may predate the write that caused the invalidation). It still goes to the callers.
    /// </summary>
    private async Task StoreUnlessInvalidatedAsync<T>(Flight<T> flight, T value, EntrySettings settings, string[] tags)
    {
        if (!settings.TryGetTtl(value, out var baseTtl))
        {
            return; // null without negative caching
        }

        var version = _tagStamps.Version;
        if (flight.IsInvalidated || !_tagStamps.IsValid(flight.StartStamp, tags))
        {
            Log.NotStoredAfterInvalidation(_logger, flight.Key);
            return;
        }

        var ttl = TtlJitter.Apply(baseTtl, settings.Jitter);
        if (settings.WritesL1)
        {
            var recompute = settings.RefreshAhead ? Math.Max(1, _clock.Now() - flight.StartStamp) : 0;
            var entry = StoreL1(flight.Key, value, flight.StartStamp, ttl, settings.LocalTtl, tags, version, settings.StaleFor, recompute);

            // RemoveAsync marks the flight, then removes the L1 entry: if it marked after the check above, the
            // check below sees it, or its removal comes after this store.
            if (flight.IsInvalidated)
            {
                _l1.Remove(entry);
                Log.NotStoredAfterInvalidation(_logger, flight.Key);
                return;
            }
        }

        if (_l2 is not null && settings.WritesL2 && !OutlivedRemovalWindow(flight))
        {
            await WriteL2Async(flight.Key, value, flight.StartStamp, ttl, tags, settings.Method, unlessNewer: true).ConfigureAwait(false);
            if (flight.IsInvalidated)
            {
                await _l2.DeleteAsync([flight.Key]).ConfigureAwait(false);
            }
        }
    }

    /// <param name="key">The full key.</param>
    /// <param name="value">The value to store.</param>
    /// <param name="settings">The call's settings.</param>
    /// <param name="tags">The entry's tags.</param>
    /// <param name="copies">
    /// Whether the value is of a mutable type: the writer keeps the instance it passed, so a copy is stored, which the
    /// writer's later changes do not reach.
    /// </param>
    /// <param name="copier">With <paramref name="copies"/>: the generated deep copy of the type, if there is one.</param>
    internal async ValueTask SetCoreAsync<T>(
        string key, T value, EntrySettings settings, string[] tags, bool copies = false, ResultCopier<T>? copier = null)
    {
        if (copies)
        {
            value = Copy(key, value, copier);
        }

        if (!settings.TryGetTtl(value, out var baseTtl))
        {
            await RemoveKeysAsync([key]).ConfigureAwait(false); // null without negative caching: evict
            return;
        }

        // A factory of this key that is running holds an older value: it must not overwrite this one.
        _flights.Invalidate(key);
        var version = _tagStamps.Version;
        var createdAt = _clock.Now();
        var ttl = TtlJitter.Apply(baseTtl, settings.Jitter);
        if (settings.WritesL1)
        {
            StoreL1(key, value, createdAt, ttl, settings.LocalTtl, tags, version, settings.StaleFor);
        }

        if (_l2 is not null && settings.WritesL2)
        {
            await WriteL2Async(key, value, createdAt, ttl, tags, settings.Method, unlessNewer: false).ConfigureAwait(false);
            await PublishAsync(BackplaneMessageKind.DropLocalCopies, [key], [createdAt]).ConfigureAwait(false);
        }
    }
}
