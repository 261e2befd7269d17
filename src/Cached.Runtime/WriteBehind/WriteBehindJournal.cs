using System.Buffers;
using System.Collections.Concurrent;
using Cached.Generated;
using Cached.L2;
using Cached.Serialization;
using Cached.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cached.WriteBehind;

/// <summary>
/// The write-behind journal: one Redis Stream per application, read by a consumer group of flushers. A call is
/// acknowledged to its caller once <c>XADD</c> returned: from then on it belongs to the flusher.
/// </summary>
/// <remarks>
/// Every key shares the hash tag <c>{prefix:wb}</c>, so the stream, the dead-letter stream, the attempt counts and the
/// done markers live in one slot and the flusher's scripts run on Redis Cluster too.
/// </remarks>
internal sealed class WriteBehindJournal
{
    public const string Group = "flushers";
    public const string IdField = "id";
    public const string OperationField = "op";
    public const string ArgumentsField = "args";

    /// <summary>How long a done marker is kept: a journaled call re-delivered later than this is no longer recognised as done.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromDays(1);

    private readonly RedisL2? _l2;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _reportedInline = new(StringComparer.Ordinal);

    public WriteBehindJournal(RedisL2? l2, string keyPrefix, ICacheSerializer serializer, TimeSpan timeout, ILogger logger)
    {
        _l2 = l2;
        _timeout = timeout;
        _logger = logger;
        Serializer = serializer;
        var slot = "{" + keyPrefix + ":wb}";
        Stream = slot + ":stream";
        DeadLetters = slot + ":dead";
        Attempts = slot + ":attempts";
        DonePrefix = slot + ":done:";
    }

    public ICacheSerializer Serializer { get; }

    public ILogger Logger => _logger;

    /// <summary>Whether calls are journaled at all (Redis is configured).</summary>
    public bool HasRedis => _l2 is not null;

    /// <summary>The database while Redis is connected.</summary>
    public IDatabase? Database => _l2?.Database;

    public RedisKey Stream { get; }

    public RedisKey DeadLetters { get; }

    /// <summary>A hash: stream entry id → attempts so far, durable across crashes (a poisoned entry is found even if it kills the process).</summary>
    public RedisKey Attempts { get; }

    public string DonePrefix { get; }

    public RedisKey DoneKey(string idempotencyKey) => DonePrefix + idempotencyKey;

    /// <summary>Journals the call (returns once Redis has it); without a reachable journal, runs it inline.</summary>
    public async ValueTask AppendAsync<TArgs, TState>(
        WriteBehindMethod<TArgs> method,
        TArgs arguments,
        TState state,
        Func<TState, TArgs, CancellationToken, ValueTask> run,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var idempotencyKey = Guid.NewGuid().ToString("N");
        var db = Database;
        if (db is null)
        {
            var reason = _l2 is null ? "no Redis is configured" : "Redis is not connected";
            await RunInlineAsync(this, method, arguments, state, run, reason, cancellationToken, idempotencyKey).ConfigureAwait(false);
            return;
        }

        var body = new ArrayBufferWriter<byte>();
        Serializer.Serialize(arguments, body);
        var add = db.StreamAddAsync(Stream, [
            new NameValueEntry(IdField, idempotencyKey),
            new NameValueEntry(OperationField, method.Name),
            new NameValueEntry(ArgumentsField, body.WrittenMemory),
        ]);
        try
        {
            await add.WaitAsync(_timeout, CancellationToken.None).ConfigureAwait(false);
            CachedMetrics.Count(StrategyMetrics.WriteBehindJournaled, method.Name);
            return;
        }
        catch (Exception ex)
        {
            _ = add.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            Log.L2Failed(_logger, "write-behind journal", method.Name, ex);
        }

        // The XADD may still have landed: the inline run uses the same idempotency key and leaves a done marker.
        await RunInlineAsync(this, method, arguments, state, run, "the journal did not answer in time", cancellationToken, idempotencyKey).ConfigureAwait(false);
        await MarkDoneAsync(idempotencyKey).ConfigureAwait(false);
    }

    /// <summary>Runs the write now, as the flusher would (with a current <see cref="WriteBehindCall"/>), and says so.</summary>
    public static async ValueTask RunInlineAsync<TArgs, TState>(
        WriteBehindJournal? journal,
        WriteBehindMethod<TArgs> method,
        TArgs arguments,
        TState state,
        Func<TState, TArgs, CancellationToken, ValueTask> run,
        string reason,
        CancellationToken cancellationToken,
        string? idempotencyKey = null)
    {
        idempotencyKey ??= Guid.NewGuid().ToString("N");
        CachedMetrics.Count(StrategyMetrics.WriteBehindInline, method.Name);
        if (journal is not null && journal._reportedInline.TryAdd(method.Name + "|" + reason, true))
        {
            Log.WriteBehindInline(journal._logger, method.Name, reason, idempotencyKey);
        }

        using (WriteBehindCall.Enter(new WriteBehindCall(method.Name, idempotencyKey, attempt: 1)))
        {
            await run(state, arguments, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MarkDoneAsync(string idempotencyKey)
    {
        if (Database is { } db)
        {
            var set = db.StringSetAsync(DoneKey(idempotencyKey), 1, IdempotencyWindow);
            try
            {
                await set.WaitAsync(_timeout).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _ = set.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                Log.L2Failed(_logger, "write-behind done marker", idempotencyKey, ex);
            }
        }
    }
}
