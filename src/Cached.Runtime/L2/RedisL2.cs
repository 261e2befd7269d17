using System.Diagnostics.CodeAnalysis;
using Cached.Tags;
using Cached.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cached.L2;

/// <summary>
/// The Redis tier: entries, tag stamps and Redis time, through one multiplexer. Every call is bounded by the
/// configured timeout; a failure or a timeout is logged, counted and reported as "nothing" (a miss, a skipped write),
/// never thrown: Redis down or slow never fails a request.
/// </summary>
/// <remarks>
/// Keys: <c>{prefix}:e:{key}</c> for entries, <c>{prefix}:t:{tag}</c> for tag stamps. While the multiplexer reports no
/// connection, calls are skipped outright (a crude breaker: no request waits for a timeout on a dead Redis).
/// Reads issue every command before awaiting any, so the entry and its tags' stamps travel in one round trip; each
/// command addresses one key, which keeps them valid on Redis Cluster.
/// </remarks>
internal sealed class RedisL2
{
    // Stamps are µs since the Unix epoch (< 2^53, exact in Lua's doubles), formatted with %d to avoid Lua's
    // scientific notation. A stamp never moves back, even if Redis's clock does.
    private const string RaiseStampScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
        if now <= current then now = current + 1 end
        redis.call('SET', KEYS[1], string.format('%d', now))
        return now
        """;

    private readonly RedisConnection _connection;
    private readonly string _entryPrefix;
    private readonly string _tagPrefix;
    private readonly ILogger _logger;

    public RedisL2(RedisConnection connection, string keyPrefix, TimeSpan timeout, ILogger logger)
    {
        _connection = connection;
        _entryPrefix = keyPrefix + ":e:";
        _tagPrefix = keyPrefix + ":t:";
        Timeout = timeout;
        _logger = logger;
        connection.WhenCreated(redis =>
        {
            redis.ConnectionFailed += (_, e) => Log.RedisConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString(), e.Exception);
            redis.ConnectionRestored += (_, e) => Log.RedisConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        });
    }

    public TimeSpan Timeout { get; }

    public bool IsConnected => _connection.Multiplexer is { IsConnected: true };

    /// <summary>The database while connected, else <c>null</c>: for Redis users beside the cache tier (the write-behind journal).</summary>
    public IDatabase? Database => _connection.Multiplexer is { IsConnected: true } redis ? redis.GetDatabase() : null;

    public RedisKey EntryKey(string key) => _entryPrefix + key;

    public RedisKey TagKey(string tag) => _tagPrefix + tag;

    /// <summary>Reads the payload of <paramref name="key"/> and the stamps of <c>"*"</c> and <paramref name="tags"/>, pipelined.</summary>
    public async Task<L2Read> ReadAsync(string key, string[] tags, string? method)
    {
        if (!CanCall("read", key, out var db))
        {
            return new L2Read(null, []);
        }

        var payload = db.StringGetLeaseAsync(EntryKey(key));
        var stamps = StartStampReads(db, tags);
        var all = new Task[stamps.Length + 1];
        all[0] = payload;
        stamps.CopyTo(all, 1);
        if (!await BoundedAsync(Task.WhenAll(all), "read", key, method).ConfigureAwait(false))
        {
            if (payload.IsCompletedSuccessfully)
            {
                payload.Result?.Dispose();
            }

            return new L2Read(null, []);
        }

        return new L2Read(payload.Result, ParseStamps(stamps));
    }

    /// <summary>Reads the stamps of <c>"*"</c> and <paramref name="tags"/>; <c>null</c> when Redis could not answer.</summary>
    public async Task<long[]?> ReadStampsAsync(string[] tags, string key, string? method)
    {
        if (!CanCall("read tag stamps", key, out var db))
        {
            return null;
        }

        var stamps = StartStampReads(db, tags);
        return await BoundedAsync(Task.WhenAll(stamps), "read tag stamps", key, method).ConfigureAwait(false)
            ? ParseStamps(stamps)
            : null;
    }

    /// <summary>Stores <paramref name="payload"/> under <paramref name="key"/> for <paramref name="ttl"/> (SET PX).</summary>
    public async Task WriteAsync(string key, byte[] payload, TimeSpan ttl, string? method)
    {
        if (CanCall("write", key, out var db))
        {
            var write = db.StringSetAsync(EntryKey(key), payload, ttl, When.Always);
            await BoundedAsync(write, "write", key, method).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the entries of <paramref name="keys"/>, pipelined.</summary>
    public async Task DeleteAsync(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0 || !CanCall("delete", keys[0], out var db))
        {
            return;
        }

        var deletes = new Task[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            deletes[i] = db.KeyDeleteAsync(EntryKey(keys[i]));
        }

        await BoundedAsync(Task.WhenAll(deletes), "delete", keys[0], method: null).ConfigureAwait(false);
    }

    /// <summary>
    /// Raises the stamps of <paramref name="tags"/> to Redis time (never backwards), pipelined.
    /// </summary>
    /// <returns>The stamps written, aligned with <paramref name="tags"/>; <c>null</c> when Redis could not answer.</returns>
    public async Task<long[]?> RaiseStampsAsync(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0 || !CanCall("invalidate tag", tags[0], out var db))
        {
            return null;
        }

        var raises = new Task<RedisResult>[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            raises[i] = db.ScriptEvaluateAsync(RaiseStampScript, [TagKey(tags[i])]);
        }

        if (!await BoundedAsync(Task.WhenAll(raises), "invalidate tag", tags[0], method: null).ConfigureAwait(false))
        {
            return null;
        }

        var stamps = new long[tags.Count];
        for (var i = 0; i < stamps.Length; i++)
        {
            stamps[i] = (long)raises[i].Result;
        }

        return stamps;
    }

    /// <summary>Redis <c>TIME</c> in µs since the Unix epoch; <c>null</c> when Redis could not answer.</summary>
    public async Task<long?> TimeAsync()
    {
        if (!CanCall("TIME", "(clock)", out var db))
        {
            return null;
        }

        var time = db.ExecuteAsync("TIME");
        if (!await BoundedAsync(time, "TIME", "(clock)", method: null).ConfigureAwait(false))
        {
            return null;
        }

        var parts = (RedisResult[])time.Result!;
        return ((long)parts[0] * 1_000_000) + (long)parts[1];
    }

    private Task<RedisValue>[] StartStampReads(IDatabase db, string[] tags)
    {
        var stamps = new Task<RedisValue>[tags.Length + 1];
        stamps[0] = db.StringGetAsync(TagKey(TagStamps.All));
        for (var i = 0; i < tags.Length; i++)
        {
            stamps[i + 1] = db.StringGetAsync(TagKey(tags[i]));
        }

        return stamps;
    }

    private static long[] ParseStamps(Task<RedisValue>[] reads)
    {
        var stamps = new long[reads.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            stamps[i] = reads[i].Result.TryParse(out long stamp) ? stamp : 0;
        }

        return stamps;
    }

    private bool CanCall(string operation, string key, [NotNullWhen(true)] out IDatabase? db)
    {
        if (_connection.Multiplexer is { IsConnected: true } redis)
        {
            db = redis.GetDatabase();
            return true;
        }

        db = null;
        Log.L2Skipped(_logger, operation, key);
        return false;
    }

    private async Task<bool> BoundedAsync(Task task, string operation, string key, string? method)
    {
        try
        {
            await task.WaitAsync(Timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            // Abandoned, not cancelled: observe its eventual failure so it is not reported as unobserved.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            Log.L2TimedOut(_logger, operation, key, Timeout.TotalMilliseconds);
            CachedMetrics.Count(CachedMetrics.L2Errors, method);
            return false;
        }
        catch (Exception ex)
        {
            Log.L2Failed(_logger, operation, key, ex);
            CachedMetrics.Count(CachedMetrics.L2Errors, method);
            return false;
        }
    }
}
