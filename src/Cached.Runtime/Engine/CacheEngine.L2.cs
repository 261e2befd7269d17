using Cached.Engine;
using Cached.L2;
using Cached.Serialization;
using Cached.Tags;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    /// <summary>Reads <paramref name="flight"/>'s key from L2 with its tags' stamps (one round trip); see <see cref="TryAcceptL2Async"/>.</summary>
    private async ValueTask<(bool Found, T Value)> TryReadL2Async<T>(Flight<T> flight, EntrySettings settings, string[] tags)
    {
        var read = await _l2!.ReadAsync(flight.Key, tags, settings.Method).ConfigureAwait(false);
        return await TryAcceptL2Async<T>(read, flight, settings, tags).ConfigureAwait(false);
    }

    /// <summary>
    /// Judges what L2 returned for <paramref name="flight"/>'s key (and disposes it). A payload that is unreadable, of
    /// another type or key, expired, or older than a stamp of one of its tags is a miss; a valid one fills L1 with the
    /// payload's own created-at, so every node judges it against the same stamps. <paramref name="tags"/> are those
    /// whose stamps came with the read; an entry with other tags costs one more read of their stamps.
    /// </summary>
    private async ValueTask<(bool Found, T Value)> TryAcceptL2Async<T>(L2Read read, Flight flight, EntrySettings settings, string[] tags)
    {
        var key = flight.Key;
        PayloadHeader header;
        T value;
        long[] stamps;
        using (read)
        {
            if (read.Payload is not { } payload || !TryDecode(payload.Span, key, settings.Method, out header, out value))
            {
                return default;
            }

            stamps = read.Stamps;
        }

        var newest = await NewestStampAsync(key, header.Tags, tags, stamps, settings.Method).ConfigureAwait(false);
        if (newest is null || header.CreatedAt <= newest.Value)
        {
            return default; // invalidated by a tag (or stamps unavailable: cannot prove it valid)
        }

        var remaining = header.CreatedAt + (header.Ttl.Ticks / TimeSpan.TicksPerMicrosecond) - _clock.Estimate();
        if (remaining <= 0)
        {
            return default;
        }

        // This node may know a newer stamp than Redis (its own invalidation, whose Redis write failed).
        var version = _tagStamps.Version;
        if (!_tagStamps.IsValid(header.CreatedAt, header.Tags))
        {
            return default;
        }

        if (settings.WritesL1 && !flight.IsInvalidated)
        {
            var lifetime = TimeSpan.FromTicks(remaining * TimeSpan.TicksPerMicrosecond);
            var entry = StoreL1(key, value, header.CreatedAt, lifetime, settings.LocalTtl, header.Tags, version, settings.StaleFor);
            if (flight.IsInvalidated)
            {
                _l1.Remove(entry);
            }
        }

        return (true, value);
    }

    private bool TryDecode<T>(ReadOnlySpan<byte> payload, string key, string? method, out PayloadHeader header, out T value)
    {
        value = default!;
        if (!PayloadFormat.TryReadHeader<T>(payload, key, out header, out var bodyOffset, out var failure))
        {
            ReportCorrupt(key, failure!, method);
            return false;
        }

        try
        {
            value = _serializer.Deserialize<T>(payload[bodyOffset..]);
            return true;
        }
        catch (Exception ex)
        {
            ReportCorrupt(key, $"body unreadable as {typeof(T)}: {ex.Message}", method);
            return false;
        }
    }

    private void ReportCorrupt(string key, string reason, string? method)
    {
        Log.CorruptPayload(_logger, key, reason);
        CachedMetrics.Count(CachedMetrics.CorruptPayloads, method);
    }

    /// <summary>
    /// The newest stamp among <c>"*"</c> and <paramref name="entryTags"/>, from the stamps fetched with the payload
    /// (for the caller's <paramref name="requestedTags"/>) and, for tags the caller did not name, a second read.
    /// Every stamp seen is learnt locally. <c>null</c> when Redis could not answer.
    /// </summary>
    private async ValueTask<long?> NewestStampAsync(
        string key, string[] entryTags, string[] requestedTags, long[] fetched, string? method)
    {
        Learn(TagStamps.All, fetched[0]);
        var newest = fetched[0];
        List<string>? missing = null;
        foreach (var tag in entryTags)
        {
            var index = Array.IndexOf(requestedTags, tag);
            if (index < 0)
            {
                (missing ??= []).Add(tag);
                continue;
            }

            Learn(tag, fetched[index + 1]);
            newest = Math.Max(newest, fetched[index + 1]);
        }

        if (missing is null)
        {
            return newest;
        }

        var more = await _l2!.ReadStampsAsync([.. missing], key, method).ConfigureAwait(false);
        if (more is null)
        {
            return null;
        }

        newest = Math.Max(newest, more[0]);
        for (var i = 0; i < missing.Count; i++)
        {
            Learn(missing[i], more[i + 1]);
            newest = Math.Max(newest, more[i + 1]);
        }

        return newest;
    }

    /// <summary>Records a stamp read from Redis: local entries older than it become invalid, and later local stamps follow it.</summary>
    private void Learn(string tag, long stamp)
    {
        if (stamp > 0)
        {
            _tagStamps.Raise(tag, stamp);
            _clock.Observe(stamp);
        }
    }

    /// <summary>
    /// Writes to L2 unless a newer removal is there, or, with <paramref name="unlessNewer"/> (a factory's result), a
    /// newer value: a factory never undoes another node's removal or write-through, even when its message is late.
    /// </summary>
    private async Task WriteL2Async<T>(string key, T value, long createdAt, TimeSpan ttl, string[] tags, string? method, bool unlessNewer)
    {
        byte[]? payload;
        try
        {
            payload = PayloadFormat.Write(_serializer, key, value, createdAt, ttl, tags);
        }
        catch (Exception ex)
        {
            Log.SerializationFailed(_logger, key, typeof(T).ToString(), ex);
            payload = null;
        }

        if (payload is not null && payload.Length > _settings.L2MaxPayloadBytes)
        {
            Log.PayloadTooLarge(_logger, key, payload.Length, _settings.L2MaxPayloadBytes);
            CachedMetrics.Count(CachedMetrics.L2Oversized, method);
            payload = null;
        }

        if (payload is not null)
        {
            await _l2!.WriteAsync(key, payload, createdAt, ttl, unlessNewer, method).ConfigureAwait(false);
        }
        else if (!unlessNewer)
        {
            // A write-through that cannot reach Redis must not leave the value it replaced there: other nodes, told to
            // drop their copies, would read it back. A factory's result replaces nothing valid, so it is simply skipped.
            await _l2!.DeleteAsync([key]).ConfigureAwait(false);
        }
    }
}
