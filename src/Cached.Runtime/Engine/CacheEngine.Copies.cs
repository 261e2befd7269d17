using System.Buffers;
using Cached.L1;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    /// <summary>
    /// A copy of <paramref name="entry"/>'s value for one caller of a method whose result type is mutable: deserialized
    /// from the entry's serialized form, made once, on the first copy. The instance in L1 is never handed out, so no
    /// caller can change what the next one reads.
    /// </summary>
    internal T CopyOf<T>(L1Entry<T> entry)
    {
        if (entry.Value is null)
        {
            return entry.Value;
        }

        if (entry.SerializedValue is { } serialized)
        {
            return serialized.Length == 0 ? entry.Value : _serializer.Deserialize<T>(serialized);
        }

        var (bytes, copy) = RoundTrip(entry.Key, entry.Value);
        entry.SerializedValue = bytes;
        return copy;
    }

    /// <summary>A copy of <paramref name="value"/> (a serialization round trip), for a mutable result on the miss path.</summary>
    internal T Copy<T>(string key, T value) => value is null ? value : RoundTrip(key, value).Copy;

    /// <summary>
    /// Serializes <paramref name="value"/> and reads it back once, so a form that cannot be read back is found here and
    /// not on every hit. A value that cannot make the trip (a reference cycle, no usable constructor) is shared, as an
    /// immutable one would be, with an empty serialized form to remember it, and the log says so.
    /// </summary>
    private (byte[] Serialized, T Copy) RoundTrip<T>(string key, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            _serializer.Serialize(value, buffer);
            var copy = _serializer.Deserialize<T>(buffer.WrittenSpan);
            return (buffer.WrittenSpan.ToArray(), copy);
        }
        catch (Exception ex)
        {
            Log.CopyFailed(_logger, key, typeof(T).ToString(), ex);
            return ([], value);
        }
    }
}
