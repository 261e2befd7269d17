using Cached.Backplane;
using Cached.L2;
using Cached.Resilience;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    private readonly RedisBackplane? _backplane;
    private readonly PendingInvalidations _pending = new();
    private long _resyncs;
    private long _messagesApplied;

    /// <summary>How many times this node dropped its L1 to resynchronise (subscription restored, breaker closed).</summary>
    internal long Resyncs => Interlocked.Read(ref _resyncs);

    /// <summary>How many messages of other nodes this node has applied.</summary>
    internal long MessagesApplied => Interlocked.Read(ref _messagesApplied);

    private CircuitBreaker CreateBreaker()
    {
        var breaker = new CircuitBreaker(_settings.BreakerThreshold, _settings.BreakerDuration);
        breaker.Opened += () =>
        {
            Log.BreakerOpened(_logger, _settings.BreakerDuration.TotalMilliseconds);
            CachedMetrics.BreakerOpen.Add(1);
        };

        // Invalidations published while the breaker was open were not seen (and this node's were not sent).
        breaker.Closed += () =>
        {
            CachedMetrics.BreakerOpen.Add(-1);
            Resync("circuit breaker closed");
        };
        return breaker;
    }

    private RedisBackplane CreateBackplane(RedisL2 l2, RedisConnection redis)
        => new(l2, redis, _settings.KeyPrefix, ApplyBackplaneMessage, Resync, _clock.Estimate, _settings.BackplaneHeartbeat, _logger);

    /// <summary>
    /// Another node's invalidation, applied to this node: removed or rewritten keys leave L1 and their running
    /// flights do not store; invalidated tags raise their local stamps (a flight that began before them does not store).
    /// </summary>
    private void ApplyBackplaneMessage(BackplaneMessage message)
    {
        for (var i = 0; i < message.Items.Length; i++)
        {
            if (message.Kind == BackplaneMessageKind.InvalidateTags)
            {
                Learn(message.Items[i], message.Stamps[i]);
            }
            else
            {
                _clock.Observe(message.Stamps[i]);
                _flights.Invalidate(message.Items[i]);
                _l1.Remove(message.Items[i]);
            }
        }

        Interlocked.Increment(ref _messagesApplied);
    }

    /// <summary>
    /// Drops everything this node may hold stale after a period in which it could have missed invalidations: the L1
    /// entries, and the results of the flights running now.
    /// </summary>
    private void Resync(string reason)
    {
        _flights.InvalidateAll();
        var dropped = _l1.Count;
        _l1.Clear();
        Interlocked.Increment(ref _resyncs);
        CachedMetrics.Resyncs.Add(1);
        Log.Resynchronized(_logger, reason, dropped);
        if (!_pending.IsEmpty)
        {
            _ = ReplayPendingAsync();
        }
    }

    /// <summary>Writes and publishes the invalidations that failed while Redis was unreachable (they fail again into the queue if it still is).</summary>
    private async Task ReplayPendingAsync()
    {
        var (keys, tags) = _pending.Take();
        await RemoveKeysAsync(keys).ConfigureAwait(false);
        await RemoveTagsAsync(tags).ConfigureAwait(false);
    }

    /// <summary>Publishes an invalidation; one that could not be published is queued for the replay after recovery.</summary>
    private async Task PublishAsync(BackplaneMessageKind kind, IReadOnlyList<string> items, long[] stamps)
    {
        if (_backplane is null || await _backplane.PublishAsync(kind, [.. items], stamps).ConfigureAwait(false))
        {
            return;
        }

        if (kind == BackplaneMessageKind.InvalidateTags)
        {
            _pending.AddTags(items);
        }
        else
        {
            _pending.AddKeys(items);
        }
    }
}
