using System.Diagnostics.CodeAnalysis;
using Cached.Engine;
using Cached.L1;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    /// <summary>The settings of a hand-written call, with its freshness strategies.</summary>
    internal EntrySettings ResolveWithStrategies(CacheEntryOptions? options)
    {
        var settings = Resolve(options);
        if (options is null)
        {
            return settings;
        }

        return settings with
        {
            StaleFor = options.StaleFor ?? TimeSpan.Zero,
            FactorySoftTimeout = options.FactorySoftTimeout ?? TimeSpan.Zero,
            RefreshAhead = options.RefreshAhead,
            SkipsNull = !options.CacheNull,
            NullTtl = options.NullTtl,
            Flags = options.L1Only ? settings.Flags | L1OnlyFlags : settings.Flags,
        };
    }

    /// <summary>The HybridCache flags that keep an entry out of Redis.</summary>
    internal const Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryFlags L1OnlyFlags =
        Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryFlags.DisableDistributedCacheRead
        | Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryFlags.DisableDistributedCacheWrite;

    /// <summary>Whether L1 should keep <paramref name="entry"/>: fresh, or expired but within its stale window (and not invalidated).</summary>
    private bool IsKept(L1Entry entry)
        => IsFresh(entry)
           || (_l1Clock.UtcNowTicks() < entry.StaleUntilTicks && _tagStamps.IsValid(entry.CreatedAt, entry.Tags));

    /// <summary>
    /// An expired L1 entry of type <typeparamref name="T"/> still within its stale window and not invalidated by a tag:
    /// an invalidation means the data changed, and a changed value is never served stale.
    /// </summary>
    private bool TryGetStale<T>(string key, [NotNullWhen(true)] out L1Entry<T>? entry)
    {
        if (_l1.TryGet(key, out var found) && found is L1Entry<T> typed
            && _l1Clock.UtcNowTicks() < typed.StaleUntilTicks
            && _tagStamps.IsValid(typed.CreatedAt, typed.Tags))
        {
            entry = typed;
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>
    /// Stale-while-revalidate: starts (or joins) the one refresh of the key, and returns the stale value at once, or,
    /// with a factory soft timeout, the fresh value if it arrives within the timeout. The refresh is never cancelled by
    /// these readers: it finishes in the background and stores its result.
    /// </summary>
    private ValueTask<T> ServeStaleAsync<TState, T>(
        L1Entry<T> stale,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        EntrySettings settings,
        string[] tags,
        CancellationToken cancellationToken)
    {
        // Its readers never leave it (they wait with no token, below), so it never cancels its factory.
        var flight = _flights.JoinOrStart<T>(stale.Key, out var started, cancellable: false);
        if (started)
        {
            _ = RunFlightAsync(flight, state, factory, settings, tags);
            _ = ObserveStaleRefreshAsync(flight, settings.Method);
        }

        if (flight.TryGetResult(out var fresh))
        {
            return new ValueTask<T>(fresh);
        }

        if (settings.FactorySoftTimeout <= TimeSpan.Zero)
        {
            CachedMetrics.Count(StrategyMetrics.StaleServed, settings.Method);
            return new ValueTask<T>(stale.Value);
        }

        return WaitOrServeStaleAsync(flight, stale, settings, cancellationToken);
    }

    /// <summary>
    /// The factory soft timeout: the fresh value if it comes in time, else (or if the refresh fails, or a many-key read
    /// it joined found no value) the stale one.
    /// </summary>
    private async ValueTask<T> WaitOrServeStaleAsync<T>(Flight<T> flight, L1Entry<T> stale, EntrySettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var fresh = await flight.WaitAsync(CancellationToken.None).AsTask()
                .WaitAsync(settings.FactorySoftTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (!flight.HasNoValue)
            {
                return fresh;
            }
        }
        catch (TimeoutException)
        {
            Log.SoftTimeoutServedStale(_logger, stale.Key, settings.FactorySoftTimeout.TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FailSafeServedStale(_logger, stale.Key, ex);
            CachedMetrics.Count(StrategyMetrics.FailSafeActivations, settings.Method);
        }

        CachedMetrics.Count(StrategyMetrics.StaleServed, settings.Method);
        return stale.Value;
    }

    /// <summary>
    /// Fail-safe for a background refresh: its failure reaches no caller (they were served stale), so it is logged and
    /// counted here, and the stale entry goes on being served until its window closes.
    /// </summary>
    private async Task ObserveStaleRefreshAsync<T>(Flight<T> flight, string? method)
    {
        try
        {
            await flight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.FailSafeServedStale(_logger, flight.Key, ex);
            CachedMetrics.Count(StrategyMetrics.FailSafeActivations, method);
        }
    }
}
