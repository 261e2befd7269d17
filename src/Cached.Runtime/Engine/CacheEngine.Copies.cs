using System.Buffers;
using Cached.Generated;
using Cached.L1;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    /// <summary>
    /// A copy of <paramref name="entry"/>'s value for one caller of a method whose result type is mutable: made by
    /// <paramref name="copier"/> when the generator wrote one and it can copy this value, else deserialized from the
    /// entry's serialized form, made once, on the first such copy. The instance in L1 is never handed out, so no caller
    /// can change what the next one reads.
    /// </summary>
    internal T CopyOf<T>(L1Entry<T> entry, ResultCopier<T>? copier)
    {
        var value = entry.Value;
        if (value is null)
        {
            return value;
        }

        // A serialized form exists only once the copier turned this value down (or there is none): skip it from then on.
        var serialized = entry.SerializedValue;
        if (serialized is null && copier is not null && copier(value, out var copy))
        {
            return copy;
        }

        if (serialized is not null)
        {
            return serialized.Length == 0 ? value : _serializer.Deserialize<T>(serialized);
        }

        var (bytes, roundTripped) = RoundTrip(entry.Key, value, keepSerialized: true);
        entry.SerializedValue = bytes;
        return roundTripped;
    }

    /// <summary>
    /// A copy of <paramref name="value"/> for a mutable result on the miss path or a write-through: by
    /// <paramref name="copier"/> when it can, else a serialization round trip.
    /// </summary>
    private T Copy<T>(string key, T value, ResultCopier<T>? copier)
    {
        if (value is null)
        {
            return value;
        }

        return copier is not null && copier(value, out var copy) ? copy : RoundTrip(key, value, keepSerialized: false).Copy;
    }

    /// <summary>
    /// The value <paramref name="pending"/> brings, copied for this caller: joined callers share a flight's result, and
    /// the instance it produced is the one stored in L1.
    /// </summary>
    private ValueTask<T> CopyWhenDone<T>(string key, ValueTask<T> pending, ResultCopier<T>? copier)
        => pending.IsCompletedSuccessfully
            ? new ValueTask<T>(Copy(key, pending.Result, copier))
            : CopyWhenDoneAsync(key, pending, copier);

    private async ValueTask<T> CopyWhenDoneAsync<T>(string key, ValueTask<T> pending, ResultCopier<T>? copier)
        => Copy(key, await pending.ConfigureAwait(false), copier);

    /// <summary>
    /// Serializes <paramref name="value"/> and reads it back once, so a form that cannot be read back is found here and
    /// not on every hit. A value that cannot make the trip (a reference cycle, no usable constructor) is shared, as an
    /// immutable one would be, with an empty serialized form to remember it, and the log says so. The serialized form is
    /// kept only when asked (for an L1 entry's later copies); a one-off copy does not pay for it.
    /// </summary>
    private (byte[]? Serialized, T Copy) RoundTrip<T>(string key, T value, bool keepSerialized)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            _serializer.Serialize(value, buffer);
            var copy = _serializer.Deserialize<T>(buffer.WrittenSpan);
            return (keepSerialized ? buffer.WrittenSpan.ToArray() : null, copy);
        }
        catch (Exception ex)
        {
            Log.CopyFailed(_logger, key, typeof(T).ToString(), ex);
            return ([], value);
        }
    }
}
