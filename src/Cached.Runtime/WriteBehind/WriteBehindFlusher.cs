using Cached.Generated;
using Cached.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cached.WriteBehind;

/// <summary>
/// Executes journaled write-behind calls: reads batches from the consumer group, runs each call in its own DI scope,
/// retries with exponential backoff, moves a call that keeps failing to the dead-letter stream, and acknowledges a
/// call together with its done marker. Takes over calls left pending by a dead flusher (<c>XAUTOCLAIM</c>), and
/// drains the journal on a graceful stop.
/// </summary>
/// <remarks>
/// A call is acknowledged (<c>XACK</c>, <c>XDEL</c>) in the same script that writes its done marker; a call found with
/// a done marker is acknowledged without running. What the marker cannot cover is a process that dies after the write
/// committed and before the script ran: the call runs again, and the write's own record of
/// <see cref="WriteBehindCall.IdempotencyKey"/> makes that second run a no-op.
/// </remarks>
internal sealed class WriteBehindFlusher : IHostedService, IDisposable
{
    // Done marker, acknowledgement, removal from the stream and the attempt count, atomically.
    private const string AcknowledgeScript = """
        redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('HDEL', KEYS[3], ARGV[2])
        return 1
        """;

    // Copy to the dead-letter stream, then acknowledge and remove, atomically.
    private const string DeadLetterScript = """
        redis.call('XADD', KEYS[2], '*', 'id', ARGV[3], 'op', ARGV[4], 'args', ARGV[5], 'error', ARGV[6], 'attempts', ARGV[7], 'entry', ARGV[2])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('HDEL', KEYS[3], ARGV[2])
        return 1
        """;

    private readonly WriteBehindJournal _journal;
    private readonly IServiceScopeFactory _scopes;
    private readonly Dictionary<string, WriteBehindOperation> _operations;
    private readonly WriteBehindOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task _loop = Task.CompletedTask;
    private bool _groupReady;
    private long _lastClaim = long.MinValue;
    private int _flushed;
    private int _disposed;

    public WriteBehindFlusher(
        CacheEngine engine,
        IServiceScopeFactory scopes,
        IEnumerable<WriteBehindOperation> operations,
        IOptions<WriteBehindOptions> options,
        TimeProvider time)
    {
        _journal = engine.WriteBehindJournal;
        _scopes = scopes;
        _options = options.Value;
        _time = time;
        _operations = new Dictionary<string, WriteBehindOperation>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (_operations.TryGetValue(operation.Name, out var other) && !ReferenceEquals(other, operation))
            {
                throw new InvalidOperationException($"Two write-behind operations are named '{operation.Name}'; journaled calls could not tell them apart.");
            }

            _operations[operation.Name] = operation;
        }

        Consumer = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>This flusher's consumer name in the group: host, process id and a random suffix (a restart is a new consumer).</summary>
    public string Consumer { get; }

    /// <summary>Calls executed and acknowledged by this flusher.</summary>
    public int Flushed => Volatile.Read(ref _flushed);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_journal.HasRedis && _operations.Count > 0)
        {
            _loop = Task.Run(RunAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops reading new work after draining what the journal holds; <paramref name="cancellationToken"/> (the host's shutdown timeout) cuts the drain short.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (cancellationToken.Register(static abort => ((CancellationTokenSource)abort!).Cancel(), _abort))
        {
            await _loop.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops at once; idempotent (the container disposes the instance under both of its registrations). The token
    /// sources are cancelled, not disposed, as BackgroundService does: a StopAsync that comes after (a host stopped
    /// twice) returns normally.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _abort.Cancel();
    }

    private async Task RunAsync()
    {
        var drained = 0;
        while (!_abort.IsCancellationRequested)
        {
            var draining = _stopping.IsCancellationRequested;
            var handled = 0;
            try
            {
                if (_journal.Database is { } db)
                {
                    handled = await FlushOnceAsync(db).ConfigureAwait(false);
                }
                else if (draining)
                {
                    break; // nothing reachable to drain: what is journaled stays for another flusher
                }
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                Log.WriteBehindFlusherFailed(_journal.Logger, Consumer, ex);
                if (draining)
                {
                    break;
                }
            }

            if (draining)
            {
                drained += handled;
                if (handled == 0)
                {
                    break;
                }
            }
            else if (handled == 0)
            {
                await SleepAsync(_options.PollInterval, _stopping.Token).ConfigureAwait(false);
            }
        }

        Log.WriteBehindDrained(_journal.Logger, Consumer, drained);
    }

    /// <summary>One round: take over calls of dead flushers when due, then read and execute a batch of new ones.</summary>
    private async Task<int> FlushOnceAsync(IDatabase db)
    {
        if (!_groupReady)
        {
            await EnsureGroupAsync(db).ConfigureAwait(false);
            _groupReady = true;
        }

        var handled = 0;
        var now = _time.GetTimestamp();
        if (_lastClaim == long.MinValue || _time.GetElapsedTime(_lastClaim, now) >= _options.ClaimIdle / 2)
        {
            _lastClaim = now;
            var claim = await db.StreamAutoClaimAsync(
                _journal.Stream, WriteBehindJournal.Group, Consumer, (long)_options.ClaimIdle.TotalMilliseconds, "0-0", _options.BatchSize).ConfigureAwait(false);
            if (claim.ClaimedEntries.Length > 0)
            {
                Log.WriteBehindClaimed(_journal.Logger, Consumer, claim.ClaimedEntries.Length);
                handled += await ExecuteBatchAsync(db, claim.ClaimedEntries).ConfigureAwait(false);
            }
        }

        var entries = await db.StreamReadGroupAsync(
            _journal.Stream, WriteBehindJournal.Group, Consumer, StreamPosition.NewMessages, _options.BatchSize).ConfigureAwait(false);
        handled += await ExecuteBatchAsync(db, entries).ConfigureAwait(false);
        return handled;
    }

    private async Task EnsureGroupAsync(IDatabase db)
    {
        try
        {
            // From the beginning: calls journaled before the first flusher ever started are flushed too.
            await db.StreamCreateConsumerGroupAsync(_journal.Stream, WriteBehindJournal.Group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another flusher created it.
        }
    }

    private async Task<int> ExecuteBatchAsync(IDatabase db, StreamEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return 0;
        }

        // One round trip: count this delivery of every entry, durably.
        var counts = new Task<long>[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            counts[i] = db.HashIncrementAsync(_journal.Attempts, entries[i].Id);
        }

        await Task.WhenAll(counts).ConfigureAwait(false);
        var executed = 0;
        for (var i = 0; i < entries.Length && !_abort.IsCancellationRequested; i++)
        {
            await ExecuteAsync(db, entries[i], (int)counts[i].Result).ConfigureAwait(false);
            executed++;
        }

        return executed;
    }

    /// <summary>Executes one call until it succeeds or runs out of attempts.</summary>
    private async Task ExecuteAsync(IDatabase db, StreamEntry entry, int attempt)
    {
        string idempotencyKey = entry[WriteBehindJournal.IdField]!;
        string operationName = entry[WriteBehindJournal.OperationField]!;
        if (!_operations.TryGetValue(operationName ?? string.Empty, out var operation))
        {
            Log.WriteBehindUnknownOperation(_journal.Logger, entry.Id!, operationName ?? "(none)");
            await DeadLetterAsync(db, entry, attempt, "operation not registered: " + operationName, exception: null).ConfigureAwait(false);
            return;
        }

        if (await db.KeyExistsAsync(_journal.DoneKey(idempotencyKey)).ConfigureAwait(false))
        {
            Log.WriteBehindAlreadyDone(_journal.Logger, entry.Id!, idempotencyKey);
            await AcknowledgeAsync(db, entry, idempotencyKey).ConfigureAwait(false);
            return;
        }

        byte[] arguments = entry[WriteBehindJournal.ArgumentsField]!;
        while (true)
        {
            if (attempt > _options.MaxAttempts)
            {
                await DeadLetterAsync(db, entry, attempt - 1, "exceeded MaxAttempts (the process may have died running it)", exception: null).ConfigureAwait(false);
                return;
            }

            try
            {
                await using (var scope = _scopes.CreateAsyncScope())
                using (WriteBehindCall.Enter(new WriteBehindCall(operation.Name, idempotencyKey, attempt)))
                {
                    await operation.ExecuteAsync(scope.ServiceProvider, arguments, _journal.Serializer, _abort.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    await DeadLetterAsync(db, entry, attempt, ex.GetType().Name + ": " + ex.Message, ex).ConfigureAwait(false);
                    return;
                }

                var delay = RetryDelay(attempt);
                Log.WriteBehindRetry(_journal.Logger, operation.Name, entry.Id!, attempt, delay.TotalMilliseconds, ex);
                CachedMetrics.Count(StrategyMetrics.WriteBehindRetries, operation.Name);
                await SleepAsync(delay, _abort.Token).ConfigureAwait(false);
                attempt = (int)await db.HashIncrementAsync(_journal.Attempts, entry.Id).ConfigureAwait(false);
                continue;
            }

            await AcknowledgeAsync(db, entry, idempotencyKey).ConfigureAwait(false);
            Interlocked.Increment(ref _flushed);
            CachedMetrics.Count(StrategyMetrics.WriteBehindFlushed, operation.Name);
            return;
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(_options.RetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private Task AcknowledgeAsync(IDatabase db, StreamEntry entry, string idempotencyKey)
        => db.ScriptEvaluateAsync(
            AcknowledgeScript,
            [_journal.Stream, _journal.DoneKey(idempotencyKey), _journal.Attempts],
            [WriteBehindJournal.Group, entry.Id, (long)WriteBehindJournal.IdempotencyWindow.TotalMilliseconds]);

    private async Task DeadLetterAsync(IDatabase db, StreamEntry entry, int attempts, string error, Exception? exception)
    {
        await db.ScriptEvaluateAsync(
            DeadLetterScript,
            [_journal.Stream, _journal.DeadLetters, _journal.Attempts],
            [
                WriteBehindJournal.Group, entry.Id, entry[WriteBehindJournal.IdField], entry[WriteBehindJournal.OperationField],
                entry[WriteBehindJournal.ArgumentsField], error, attempts,
            ]).ConfigureAwait(false);
        Log.WriteBehindDeadLettered(_journal.Logger, entry[WriteBehindJournal.OperationField]!, entry.Id!, attempts, _journal.DeadLetters!, exception);
        CachedMetrics.Count(StrategyMetrics.WriteBehindDeadLettered, entry[WriteBehindJournal.OperationField]);
    }

    private async Task SleepAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop decides what comes next.
        }
    }
}
