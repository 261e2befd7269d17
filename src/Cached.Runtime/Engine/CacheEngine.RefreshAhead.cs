using Cached.Engine;
using Cached.L1;
using Cached.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;

namespace Cached;

/// <summary>
/// Refresh-ahead by probabilistic early expiration, XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic
/// Cache Stampede Prevention", PVLDB 8(8), 2015): a hit refreshes its entry when <c>now − δ·β·ln(U) ≥ expiry</c>, with
/// U uniform in (0, 1], δ the time the value took to produce, β = 1. The closer to expiry and the slower the factory,
/// the likelier; the hotter the key, the earlier some hit draws it. The refresh runs in the background, one per key at
/// a time, while hits go on being served from the current entry.
/// </summary>
public sealed partial class CacheEngine
{
    private const double XFetchBeta = 1.0;
    private const int RefreshIdle = 0;
    private const int RefreshRequested = 1;
    private const int RefreshRunning = 2;

    /// <summary>
    /// For the allocation-free hit path of generated code: whether this hit drew an early refresh of
    /// <paramref name="entry"/>; the caller then takes the miss path (which has the factory) and starts it there.
    /// </summary>
    internal bool RequestsEarlyRefresh(L1Entry entry)
        => entry.RecomputeMicros > 0
           && Volatile.Read(ref entry.RefreshState) == RefreshIdle
           && IsDueForEarlyRefresh(entry)
           && Interlocked.CompareExchange(ref entry.RefreshState, RefreshRequested, RefreshIdle) == RefreshIdle;

    /// <summary>Starts the background refresh of a fresh <paramref name="entry"/> if a hit requested it or this one draws it.</summary>
    private void RefreshEarlyIfDue<TState, T>(
        L1Entry<T> entry,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        EntrySettings settings,
        string[] tags)
    {
        if (entry.RecomputeMicros <= 0)
        {
            return; // filled from L2 or by SetAsync: no δ measured on this node
        }

        var current = Volatile.Read(ref entry.RefreshState);
        if (current == RefreshRunning
            || (current == RefreshIdle && !IsDueForEarlyRefresh(entry))
            || Interlocked.CompareExchange(ref entry.RefreshState, RefreshRunning, current) != current)
        {
            return;
        }

        var flight = _flights.JoinOrStart<T>(entry.Key, out var started, cancellable: false);
        if (!started)
        {
            return; // a flight of this key runs already: it brings the new value
        }

        // The current entry is fresh, and L2 holds the same one: go straight to the factory.
        var refresh = settings with
        {
            Flags = settings.Flags | HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
        };
        CachedMetrics.Count(StrategyMetrics.EarlyRefreshes, settings.Method);
        _ = RunFlightAsync(flight, state, factory, refresh, tags);
        _ = ObserveEarlyRefreshAsync(flight, entry);
    }

    /// <summary>XFetch's test: <c>now + δ·β·(−ln U) ≥ expiry</c>.</summary>
    private bool IsDueForEarlyRefresh(L1Entry entry)
    {
        var now = _l1Clock.UtcNowTicks();
        var delta = entry.RecomputeMicros * (double)TimeSpan.TicksPerMicrosecond;
        var gap = -Math.Log(1.0 - Random.Shared.NextDouble()) * delta * XFetchBeta;
        return now + gap >= entry.ExpiresAtTicks;
    }

    /// <summary>A failed early refresh is logged and the entry may be refreshed again by a later hit; readers never see it.</summary>
    private async Task ObserveEarlyRefreshAsync<T>(Flight<T> flight, L1Entry entry)
    {
        try
        {
            await flight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.EarlyRefreshFailed(_logger, flight.Key, ex);
            Volatile.Write(ref entry.RefreshState, RefreshIdle);
        }
    }
}
