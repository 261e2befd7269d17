using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cached.Serialization;

/// <summary>
/// The layout of an L2 payload: a small versioned header, then the serializer's body.
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
///  0      4     magic "CACH"
///  4      1     format version (1)
///  5      1     reserved, 0
///  6      8     result type hash (TypeIdentity, little-endian)
/// 14      8     created-at stamp, µs since the Unix epoch on Redis time (little-endian)
/// 22      8     TTL in ms (little-endian)
/// 30      2     tag count n, then n × (2-byte length, UTF-8 tag)
///  .      4     key length, then the UTF-8 key (echoed: a payload stored under another key is foreign)
///  .      4     body length (a truncated payload is detected even when its cut body would still parse)
///  .      ..    body (System.Text.Json UTF-8), to the end
/// </code>
/// Reading never throws: a payload that is truncated, foreign (magic), from another format version, of another
/// type or under another key is reported with a reason, and the engine treats it as a miss.
/// </remarks>
internal static class PayloadFormat
{
    public const byte Version = 1;
    private const int FixedHeaderLength = 30;
    private static ReadOnlySpan<byte> Magic => "CACH"u8;

    /// <summary>Writes a complete payload: header, then <paramref name="value"/> through <paramref name="serializer"/>.</summary>
    public static byte[] Write<T>(ICacheSerializer serializer, string key, T value, long createdAt, TimeSpan ttl, string[] tags)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var header = buffer.GetSpan(FixedHeaderLength);
        Magic.CopyTo(header);
        header[4] = Version;
        header[5] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(header[6..], TypeIdentity<T>.Hash);
        BinaryPrimitives.WriteInt64LittleEndian(header[14..], createdAt);
        BinaryPrimitives.WriteInt64LittleEndian(header[22..], (long)ttl.TotalMilliseconds);
        buffer.Advance(FixedHeaderLength);

        WriteUInt16(buffer, checked((ushort)tags.Length));
        foreach (var tag in tags)
        {
            WriteUInt16(buffer, checked((ushort)Encoding.UTF8.GetByteCount(tag)));
            WriteUtf8(buffer, tag);
        }

        WriteInt32(buffer, Encoding.UTF8.GetByteCount(key));
        WriteUtf8(buffer, key);
        var bodyLengthAt = buffer.WrittenCount;
        WriteInt32(buffer, 0);
        serializer.Serialize(value, buffer);
        var payload = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(bodyLengthAt), payload.Length - bodyLengthAt - 4);
        return payload;
    }

    /// <summary>
    /// Reads the header of <paramref name="payload"/>, checking it belongs to <paramref name="expectedKey"/> and type
    /// <typeparamref name="T"/>.
    /// </summary>
    /// <param name="payload">The whole payload.</param>
    /// <param name="expectedKey">The key the payload was read from.</param>
    /// <param name="header">The header, when readable.</param>
    /// <param name="bodyOffset">Where the body starts, when readable.</param>
    /// <param name="failure">Why it is not readable, otherwise.</param>
    public static bool TryReadHeader<T>(
        ReadOnlySpan<byte> payload, string expectedKey, out PayloadHeader header, out int bodyOffset, out string? failure)
    {
        header = default;
        bodyOffset = 0;
        if (payload.Length < FixedHeaderLength || !payload[..4].SequenceEqual(Magic))
        {
            failure = "not a Cached payload";
            return false;
        }

        if (payload[4] != Version)
        {
            failure = $"format version {payload[4]}, expected {Version}";
            return false;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(payload[6..]) != TypeIdentity<T>.Hash)
        {
            failure = $"written for another type than {typeof(T)}";
            return false;
        }

        var createdAt = BinaryPrimitives.ReadInt64LittleEndian(payload[14..]);
        var ttlMs = BinaryPrimitives.ReadInt64LittleEndian(payload[22..]);
        var position = FixedHeaderLength;
        if (ttlMs < 0 || !TryReadTags(payload, ref position, out var tags) || !TryReadKey(payload, ref position, out var keyBytes))
        {
            failure = "truncated header";
            return false;
        }

        if (!KeyMatches(keyBytes, expectedKey))
        {
            failure = "written under another key";
            return false;
        }

        if (!TryReadLength(payload, ref position, 4, out var bodyLength) || bodyLength != payload.Length - position)
        {
            failure = "truncated body";
            return false;
        }

        header = new PayloadHeader(createdAt, TimeSpan.FromMilliseconds(ttlMs), tags);
        bodyOffset = position;
        failure = null;
        return true;
    }

    private static bool TryReadTags(ReadOnlySpan<byte> payload, ref int position, out string[] tags)
    {
        tags = [];
        if (!TryReadLength(payload, ref position, 2, out var count))
        {
            return false;
        }

        if (count == 0)
        {
            return true;
        }

        var read = new string[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryReadLength(payload, ref position, 2, out var length) || payload.Length - position < length)
            {
                return false;
            }

            read[i] = Encoding.UTF8.GetString(payload.Slice(position, length));
            position += length;
        }

        tags = read;
        return true;
    }

    private static bool TryReadKey(ReadOnlySpan<byte> payload, ref int position, out ReadOnlySpan<byte> key)
    {
        key = default;
        if (!TryReadLength(payload, ref position, 4, out var length) || length < 0 || payload.Length - position < length)
        {
            return false;
        }

        key = payload.Slice(position, length);
        position += length;
        return true;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> payload, ref int position, int size, out int length)
    {
        length = 0;
        if (payload.Length - position < size)
        {
            return false;
        }

        length = size == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(payload[position..])
            : BinaryPrimitives.ReadInt32LittleEndian(payload[position..]);
        position += size;
        return true;
    }

    private static bool KeyMatches(ReadOnlySpan<byte> keyBytes, string expectedKey)
    {
        if (Encoding.UTF8.GetByteCount(expectedKey) != keyBytes.Length)
        {
            return false;
        }

        var rented = keyBytes.Length <= 256 ? null : ArrayPool<byte>.Shared.Rent(keyBytes.Length);
        try
        {
            var expected = rented is null ? stackalloc byte[keyBytes.Length] : rented.AsSpan(0, keyBytes.Length);
            Encoding.UTF8.GetBytes(expectedKey, expected);
            return expected.SequenceEqual(keyBytes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> buffer, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.GetSpan(2), value);
        buffer.Advance(2);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void WriteUtf8(ArrayBufferWriter<byte> buffer, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        buffer.Advance(written);
    }
}
