using Cached.L2;
using Cached.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cached.Backplane;

/// <summary>
/// The backplane: Redis pub/sub on the engine's multiplexer, channel <c>{KeyPrefix}:backplane</c>. Every key removal,
/// tag invalidation, clear and write-through is published once (many keys or tags in one message); every other node
/// applies it to its L1; a node ignores its own messages.
/// </summary>
/// <remarks>
/// Pub/sub delivers at most once: messages published while a node's subscription is down are lost to it. So when
/// the subscription comes back, the node resynchronises: it drops its L1 at once, then publishes a marker to itself
/// and drops its L1 again when the marker comes back, which proves the subscription live: whatever was cached in
/// between was read while invalidations could still be missed. Until the marker is seen, it is published again.
/// </remarks>
internal sealed class RedisBackplane : IDisposable
{
    private static readonly TimeSpan MarkerRetry = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly RedisL2 _l2;
    private readonly ILogger _logger;
    private readonly Action<BackplaneMessage> _apply;
    private readonly Action<string> _resync;
    private readonly Func<long> _now;
    private readonly TimeSpan _heartbeat;
    private int _subscribed;
    private int _resubscribing;
    private int _again;
    private long _awaitedMarker;
    private long _lastMarkerSeen = Environment.TickCount64;
    private volatile bool _disposed;

    /// <param name="l2">The L2 whose multiplexer, timeout and breaker the backplane shares.</param>
    /// <param name="connection">The multiplexer, once created.</param>
    /// <param name="keyPrefix">The key prefix: apps sharing a Redis do not share a channel.</param>
    /// <param name="apply">Applies another node's message to this node.</param>
    /// <param name="resync">Drops what this node may hold stale (the argument says why, for the log).</param>
    /// <param name="now">The stamp clock's estimate of Redis time, µs.</param>
    /// <param name="heartbeat">
    /// How often the node sends itself a heartbeat marker. When Redis is reachable but no own marker came back for
    /// three intervals, the subscription is silently broken: the node resubscribes and resynchronises. So a node
    /// trusts its L1 (and its local tag stamps) at most about that long without proof that invalidations reach it.
    /// </param>
    /// <param name="logger">The engine's logger.</param>
    public RedisBackplane(
        RedisL2 l2, RedisConnection connection, string keyPrefix, Action<BackplaneMessage> apply, Action<string> resync, Func<long> now, TimeSpan heartbeat, ILogger logger)
    {
        _heartbeat = heartbeat;
        _l2 = l2;
        _apply = apply;
        _resync = resync;
        _now = now;
        _logger = logger;
        Channel = RedisChannel.Literal(keyPrefix + ":backplane");
        connection.WhenCreated(redis =>
        {
            redis.ConnectionFailed += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _subscribed, 0) == 1)
                {
                    Log.BackplaneLost(_logger, Channel.ToString(), InstanceId);
                }
            };
            redis.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription)
                {
                    _ = ResubscribeAsync(redis, "subscription restored");
                }
            };
            _ = ResubscribeAsync(redis, "subscribed");
            _ = HeartbeatAsync(redis);
        });
    }

    /// <summary>This node's id; messages carrying it are its own.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The channel, <c>{KeyPrefix}:backplane</c>.</summary>
    public RedisChannel Channel { get; }

    /// <summary>
    /// Whether the subscription is known to be live: this node's own marker came back through it since it was last
    /// (re)established, so messages from other nodes arrive and the L1 has been resynchronised.
    /// </summary>
    public bool IsSubscribed => Volatile.Read(ref _subscribed) == 1;

    /// <summary>Publishes a message to every other node; bounded and never throwing, like every L2 call.</summary>
    /// <returns>Whether Redis accepted it.</returns>
    public Task<bool> PublishAsync(BackplaneMessageKind kind, string[] items, long[] stamps)
    {
        if (items.Length == 0)
        {
            return Task.FromResult(true);
        }

        CachedMetrics.Add(CachedMetrics.InvalidationsSent, items.Length);
        var message = new BackplaneMessage(kind, InstanceId, _now(), items, stamps);
        return _l2.PublishAsync(Channel, message.Encode(), items[0]);
    }

    /// <summary>
    /// (Re)subscribes and confirms the subscription with a marker, retrying every 250 ms (for at most about two
    /// minutes; the next restored connection starts again). One run at a time: a request that arrives during a run
    /// makes it go again, including one that arrives as it ends.
    /// </summary>
    private async Task ResubscribeAsync(IConnectionMultiplexer redis, string reason)
    {
        Volatile.Write(ref _subscribed, 0);
        Volatile.Write(ref _again, 1);
        var attempts = 0;
        while (Volatile.Read(ref _again) == 1 && attempts < 480 && !_disposed)
        {
            if (Interlocked.Exchange(ref _resubscribing, 1) == 1)
            {
                return; // the running loop sees _again
            }

            try
            {
                for (; attempts < 480 && Volatile.Read(ref _again) == 1 && !_disposed; attempts++)
                {
                    Volatile.Write(ref _again, 0);
                    if (!await TrySubscribeAsync(redis, reason).ConfigureAwait(false) || !await ConfirmWithMarkerAsync().ConfigureAwait(false))
                    {
                        Volatile.Write(ref _again, 1);
                        await Task.Delay(MarkerRetry).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _resubscribing, 0);
            }
        }
    }

    private async Task<bool> TrySubscribeAsync(IConnectionMultiplexer redis, string reason)
    {
        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.UnsubscribeAsync(Channel, OnMessage).ConfigureAwait(false);
            await subscriber.SubscribeAsync(Channel, OnMessage).ConfigureAwait(false);
            Log.BackplaneSubscribed(_logger, Channel.ToString(), InstanceId, reason);
            _resync(reason);
            return true;
        }
        catch (Exception ex)
        {
            Log.L2Failed(_logger, "subscribe", Channel.ToString(), ex);
            return false;
        }
    }

    /// <summary>
    /// Publishes markers to itself until one comes back (then <see cref="OnMessage"/> resynchronises and marks the
    /// subscription live), for at most 20 tries.
    /// </summary>
    private async Task<bool> ConfirmWithMarkerAsync()
    {
        var marker = _now();
        Volatile.Write(ref _awaitedMarker, marker);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var message = new BackplaneMessage(BackplaneMessageKind.SyncMarker, InstanceId, marker, [], []);
            await _l2.PublishAsync(Channel, message.Encode(), "(sync marker)").ConfigureAwait(false);
            for (var wait = 0; wait < 25; wait++)
            {
                await Task.Delay(10).ConfigureAwait(false);
                if (Volatile.Read(ref _awaitedMarker) != marker)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Stops the heartbeat.</summary>
    public void Dispose()
    {
        _disposed = true;
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task HeartbeatAsync(IConnectionMultiplexer redis)
    {
        using var timer = new PeriodicTimer(_heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                // Down (or being re-established) is handled by the connection events; this looks for silent loss.
                if (!IsSubscribed || Volatile.Read(ref _resubscribing) == 1 || !_l2.IsConnected || _l2.Breaker.IsOpen)
                {
                    continue;
                }

                if (Environment.TickCount64 - Volatile.Read(ref _lastMarkerSeen) > 3 * (long)_heartbeat.TotalMilliseconds)
                {
                    Log.BackplaneLost(_logger, Channel.ToString(), InstanceId);
                    _ = ResubscribeAsync(redis, "heartbeat lost");
                    continue;
                }

                var heartbeat = new BackplaneMessage(BackplaneMessageKind.SyncMarker, InstanceId, _now(), [], []);
                await _l2.PublishAsync(Channel, heartbeat.Encode(), "(heartbeat)").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        var message = BackplaneMessage.TryDecode(((ReadOnlyMemory<byte>)value).Span);
        if (message is null)
        {
            Log.BackplaneMessageUnreadable(_logger, channel.ToString());
            return;
        }

        if (message.Sender != InstanceId)
        {
            if (message.Kind != BackplaneMessageKind.SyncMarker)
            {
                CachedMetrics.Add(CachedMetrics.InvalidationsReceived, message.Items.Length);
                CachedMetrics.RecordLag((_now() - message.SentAt) / 1000.0);
                _apply(message);
            }

            return;
        }

        if (message.Kind != BackplaneMessageKind.SyncMarker)
        {
            return;
        }

        Volatile.Write(ref _lastMarkerSeen, Environment.TickCount64);
        if (Interlocked.CompareExchange(ref _awaitedMarker, 0, message.SentAt) == message.SentAt)
        {
            _resync("subscription confirmed");
            Volatile.Write(ref _subscribed, 1);
        }
    }
}
