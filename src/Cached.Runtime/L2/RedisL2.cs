using System.Diagnostics.CodeAnalysis;
using Cached.Resilience;
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
/// Keys: <c>{prefix}:e:{key}</c> for entries (or their removal tombstones), <c>{prefix}:t:{tag}</c> for tag stamps,
/// <c>{prefix}:l:{key}</c> for distributed-lock leases, a key or tag longer than <c>L2:MaxKeyLength</c> hashed
/// (<see cref="RedisKeyNames"/>). While the multiplexer reports no connection, or while the
/// <see cref="CircuitBreaker"/> is open (consecutive failures or timeouts), calls are skipped outright: no request
/// waits for a timeout on a dead or stuck Redis.
/// A read is one round trip: the entry (or the entries of a many-key read) and the tags' stamps in one <c>MGET</c> on a
/// standalone server, or, on Redis Cluster, one single-key <c>GET</c> each, issued before any is awaited.
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
        local ttl = math.max(tonumber(ARGV[1]), redis.call('PTTL', KEYS[1]))
        redis.call('SET', KEYS[1], string.format('%d', now), 'PX', ttl)
        return now
        """;

    // An entry is written unless a newer removal tombstone (or, for a factory's result, a newer payload: ARGV[4] = 1)
    // is there: a removal or a write-through on another node is never undone by an older factory result. The
    // created-at stamp is the int64 at offset 14 of the payload header (struct.unpack is 1-based).
    private const string WriteEntryScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local created = tonumber(ARGV[3])
          if string.sub(current, 1, 4) == 'CRMV' then
            if (tonumber(string.sub(current, 5)) or 0) >= created then return 0 end
          elseif ARGV[4] == '1' and string.len(current) >= 22 and string.sub(current, 1, 4) == 'CACH' then
            if struct.unpack('<i8', current, 15) >= created then return 0 end
          end
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    // A removal leaves a tombstone stamped with Redis time for RemovalWindow: a factory that began before it cannot
    // store afterwards (see WriteEntryScript), whichever node it runs on.
    private const string RemoveEntryScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        redis.call('SET', KEYS[1], 'CRMV' .. string.format('%d', now), 'PX', ARGV[1])
        return now
        """;

    private const string RenewLeaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseLeaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>
    /// How long a removal tombstone lives. A factory that began before a removal and is still running after this
    /// long does not write to L2 at all (the engine checks), so the tombstone always outlives the writes it guards.
    /// </summary>
    public static readonly TimeSpan RemovalWindow = TimeSpan.FromMinutes(5);

    private readonly RedisConnection _connection;
    private readonly RedisKeyNames _keys;
    private readonly ILogger _logger;

    // 0 not yet known, 1 standalone (or a proxy), 2 Redis Cluster.
    private int _serverKind;

    public RedisL2(RedisConnection connection, RedisKeyNames keys, TimeSpan timeout, CircuitBreaker breaker, ILogger logger)
    {
        _connection = connection;
        _keys = keys;
        Timeout = timeout;
        Breaker = breaker;
        _logger = logger;
        connection.WhenCreated(redis =>
        {
            redis.ConnectionFailed += (_, e) => Log.RedisConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString(), e.Exception);
            redis.ConnectionRestored += (_, e) => Log.RedisConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        });
    }

    public TimeSpan Timeout { get; }

    /// <summary>Stops calls to a Redis that keeps failing or timing out.</summary>
    public CircuitBreaker Breaker { get; }

    /// <summary>The multiplexer, once created.</summary>
    public IConnectionMultiplexer? Multiplexer => _connection.Multiplexer;

    public bool IsConnected => _connection.Multiplexer is { IsConnected: true };

    /// <summary>The database while connected, else <c>null</c>: for Redis users beside the cache tier (the write-behind journal).</summary>
    public IDatabase? Database => _connection.Multiplexer is { IsConnected: true } redis ? redis.GetDatabase() : null;

    public RedisKey EntryKey(string key) => _keys.Entry(key);

    public RedisKey TagKey(string tag) => _keys.Tag(tag);

    /// <summary>
    /// Reads the payload of <paramref name="key"/> and the stamps of <c>"*"</c> and <paramref name="tags"/> in one round
    /// trip: one <c>MGET</c> on a standalone server; on Redis Cluster, where those keys live in different slots, one
    /// <c>GET</c> per key, pipelined.
    /// </summary>
    public Task<L2Read> ReadAsync(string key, string[] tags, string? method)
    {
        if (!CanCall("read", key, out var db))
        {
            return Task.FromResult(new L2Read(null, []));
        }

        // On a standalone server (the common case) a lean path without the arrays of a many-key read.
        return IsCluster() ? FirstAsync(ReadPipelinedAsync(db, [key], tags, method)) : ReadWithOneCommandAsync(db, key, tags, method);
    }

    /// <summary>
    /// Reads the payloads of <paramref name="keys"/> and the stamps of <c>"*"</c> and <paramref name="tags"/> in one round
    /// trip: one <c>MGET</c> of them all on a standalone server; on Redis Cluster one <c>GET</c> per key, all issued
    /// before any is awaited.
    /// </summary>
    /// <returns>One read per key, aligned with <paramref name="keys"/>, sharing one stamps array.</returns>
    public Task<L2Read[]> ReadManyAsync(string[] keys, string[] tags, string? method)
    {
        if (!CanCall("read", keys[0], out var db))
        {
            return Task.FromResult(Unanswered(keys.Length));
        }

        return IsCluster() ? ReadPipelinedAsync(db, keys, tags, method) : ReadManyWithOneCommandAsync(db, keys, tags, method);
    }

    private async Task<L2Read> ReadWithOneCommandAsync(IDatabase db, string key, string[] tags, string? method)
    {
        var read = db.StringGetAsync(ReadKeys(new ReadOnlySpan<string>(in key), tags));
        if (!await BoundedAsync(read, "read", key, method).ConfigureAwait(false))
        {
            return new L2Read(null, []);
        }

        return new L2Read(LivePayload(read.Result[0]), ParseStamps(read.Result, 1));
    }

    private async Task<L2Read[]> ReadManyWithOneCommandAsync(IDatabase db, string[] keys, string[] tags, string? method)
    {
        var read = db.StringGetAsync(ReadKeys(keys, tags));
        if (!await BoundedAsync(read, "read", keys[0], method).ConfigureAwait(false))
        {
            return Unanswered(keys.Length);
        }

        var values = read.Result;
        var stamps = ParseStamps(values, keys.Length);
        var reads = new L2Read[keys.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = new L2Read(LivePayload(values[i]), stamps);
        }

        return reads;
    }

    private async Task<L2Read[]> ReadPipelinedAsync(IDatabase db, string[] keys, string[] tags, string? method)
    {
        var payloads = new Task<Lease<byte>?>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            payloads[i] = db.StringGetLeaseAsync(EntryKey(keys[i]));
        }

        var stamps = StartStampReads(db, tags);
        if (!await BoundedAsync(Task.WhenAll([.. payloads, .. stamps]), "read", keys[0], method).ConfigureAwait(false))
        {
            foreach (var payload in payloads)
            {
                if (payload.IsCompletedSuccessfully)
                {
                    payload.Result?.Dispose();
                }
            }

            return Unanswered(keys.Length);
        }

        var parsed = ParseStamps(stamps);
        var reads = new L2Read[keys.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            var found = payloads[i].Result;
            if (found is null || IsTombstone(found.Span))
            {
                found?.Dispose();
                reads[i] = new L2Read(null, parsed);
            }
            else
            {
                reads[i] = new L2Read(found.Memory, parsed, found);
            }
        }

        return reads;
    }

    private static async Task<L2Read> FirstAsync(Task<L2Read[]> reads) => (await reads.ConfigureAwait(false))[0];

    /// <summary>Reads of keys Redis did not answer for: no payload, no stamps.</summary>
    private static L2Read[] Unanswered(int count)
    {
        var reads = new L2Read[count];
        Array.Fill(reads, new L2Read(null, []));
        return reads;
    }

    /// <summary>The keys of one <c>MGET</c>: the entries of <paramref name="keys"/>, then the stamps of <c>"*"</c> and <paramref name="tags"/>.</summary>
    private RedisKey[] ReadKeys(ReadOnlySpan<string> keys, string[] tags)
    {
        var all = new RedisKey[keys.Length + tags.Length + 1];
        for (var i = 0; i < keys.Length; i++)
        {
            all[i] = EntryKey(keys[i]);
        }

        all[keys.Length] = TagKey(TagStamps.All);
        for (var i = 0; i < tags.Length; i++)
        {
            all[keys.Length + 1 + i] = TagKey(tags[i]);
        }

        return all;
    }

    /// <summary>An entry's payload from an <c>MGET</c> reply; <c>null</c> when absent or a removal tombstone.</summary>
    private static ReadOnlyMemory<byte>? LivePayload(RedisValue value)
        => (byte[]?)value is { } payload && !IsTombstone(payload) ? new ReadOnlyMemory<byte>(payload) : null;

    /// <summary>Whether the server is a Redis Cluster (learnt once connected; a multiplexer does not change kind).</summary>
    private bool IsCluster()
    {
        var known = Volatile.Read(ref _serverKind);
        if (known == 0 && _connection.Multiplexer is { IsConnected: true } redis)
        {
            known = redis.GetServers().Any(static server => server.ServerType == ServerType.Cluster) ? 2 : 1;
            Volatile.Write(ref _serverKind, known);
        }

        return known == 2;
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

    /// <summary>
    /// Stores <paramref name="payload"/> (created at <paramref name="createdAt"/>) under <paramref name="key"/> for
    /// <paramref name="ttl"/>, unless a removal at or after <paramref name="createdAt"/> left its tombstone there, or,
    /// with <paramref name="unlessNewer"/>, a payload created at or after it is stored. One script, one key.
    /// </summary>
    public async Task WriteAsync(string key, byte[] payload, long createdAt, TimeSpan ttl, bool unlessNewer, string? method)
    {
        if (CanCall("write", key, out var db))
        {
            var write = db.ScriptEvaluateAsync(
                WriteEntryScript,
                [EntryKey(key)],
                [payload, Milliseconds(ttl), createdAt, unlessNewer ? 1 : 0]);
            await BoundedAsync(write, "write", key, method).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the entries of <paramref name="keys"/>, leaving tombstones, pipelined (one single-key script each).</summary>
    /// <returns>The removal stamps (Redis time), aligned with <paramref name="keys"/>; <c>null</c> when Redis could not answer.</returns>
    public async Task<long[]?> DeleteAsync(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0 || !CanCall("delete", keys[0], out var db))
        {
            return null;
        }

        var window = Milliseconds(RemovalWindow);
        var deletes = new Task<RedisResult>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            deletes[i] = db.ScriptEvaluateAsync(RemoveEntryScript, [EntryKey(keys[i])], [window]);
        }

        return await BoundedAsync(Task.WhenAll(deletes), "delete", keys[0], method: null).ConfigureAwait(false)
            ? [.. deletes.Select(static d => (long)d.Result)]
            : null;
    }

    /// <summary>Tries to take the lease of <paramref name="key"/> (SET NX PX with <paramref name="token"/>).</summary>
    /// <returns>Whether it was taken; <c>null</c> when Redis could not answer.</returns>
    public async Task<bool?> TryAcquireLeaseAsync(string key, string token, TimeSpan lease)
    {
        if (!CanCall("lock", key, out var db))
        {
            return null;
        }

        var acquire = db.StringSetAsync(_keys.Lease(key), token, lease, When.NotExists);
        return await BoundedAsync(acquire, "lock", key, method: null).ConfigureAwait(false) ? acquire.Result : null;
    }

    /// <summary>
    /// Extends the lease of <paramref name="key"/> to <paramref name="lease"/> from now if it is still held with
    /// <paramref name="token"/>: <c>true</c> extended, <c>false</c> lost, <c>null</c> Redis did not answer.
    /// </summary>
    public async Task<bool?> RenewLeaseAsync(string key, string token, TimeSpan lease)
    {
        if (!CanCall("renew lock", key, out var db))
        {
            return null;
        }

        var renew = db.ScriptEvaluateAsync(RenewLeaseScript, [_keys.Lease(key)], [token, (long)lease.TotalMilliseconds]);
        return await BoundedAsync(renew, "renew lock", key, method: null).ConfigureAwait(false) ? (long)renew.Result == 1 : null;
    }

    /// <summary>Releases the lease of <paramref name="key"/> if it is still held with <paramref name="token"/> (compare and delete).</summary>
    public async Task ReleaseLeaseAsync(string key, string token)
    {
        if (CanCall("unlock", key, out var db))
        {
            var release = db.ScriptEvaluateAsync(ReleaseLeaseScript, [_keys.Lease(key)], [token]);
            await BoundedAsync(release, "unlock", key, method: null).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes <paramref name="message"/> on <paramref name="channel"/>, bounded like every call.</summary>
    /// <returns>Whether Redis accepted it.</returns>
    public async Task<bool> PublishAsync(RedisChannel channel, byte[] message, string key)
    {
        if (!CanCall("publish", key, out _))
        {
            return false;
        }

        var publish = _connection.Multiplexer!.GetSubscriber().PublishAsync(channel, message);
        return await BoundedAsync(publish, "publish", key, method: null).ConfigureAwait(false);
    }

    /// <summary>
    /// Raises the stamps of <paramref name="tags"/> to Redis time (never backwards), pipelined. Each stamp key then
    /// lives <paramref name="lifetime"/>, or what it had left if that is longer: it must outlive every entry created
    /// before it (else that entry would become valid again), so the engine passes at least the longest entry TTL.
    /// </summary>
    /// <returns>The stamps written, aligned with <paramref name="tags"/>; <c>null</c> when Redis could not answer.</returns>
    public async Task<long[]?> RaiseStampsAsync(IReadOnlyList<string> tags, TimeSpan lifetime)
    {
        if (tags.Count == 0 || !CanCall("invalidate tag", tags[0], out var db))
        {
            return null;
        }

        var lifetimeMs = Milliseconds(lifetime);
        var raises = new Task<RedisResult>[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            raises[i] = db.ScriptEvaluateAsync(RaiseStampScript, [TagKey(tags[i])], [lifetimeMs]);
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

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)span.TotalMilliseconds);

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

    private static bool IsTombstone(ReadOnlySpan<byte> value) => value.StartsWith("CRMV"u8);

    /// <summary>The stamps at and after <paramref name="offset"/> of an <c>MGET</c> reply (0 for a tag never invalidated).</summary>
    private static long[] ParseStamps(RedisValue[] values, int offset)
    {
        var stamps = new long[values.Length - offset];
        for (var i = 0; i < stamps.Length; i++)
        {
            stamps[i] = values[offset + i].TryParse(out long stamp) ? stamp : 0;
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
        if (_connection.Multiplexer is { IsConnected: true } redis && Breaker.AllowCall())
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
            Breaker.OnSuccess();
            return true;
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            // Abandoned, not cancelled: observe its eventual failure so it is not reported as unobserved.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            Log.L2TimedOut(_logger, operation, key, Timeout.TotalMilliseconds);
            CachedMetrics.Count(CachedMetrics.L2Errors, method);
            Breaker.OnFailure();
            return false;
        }
        catch (Exception ex)
        {
            Log.L2Failed(_logger, operation, key, ex);
            CachedMetrics.Count(CachedMetrics.L2Errors, method);
            Breaker.OnFailure();
            return false;
        }
    }
}
