using System.Buffers.Binary;
using System.Text;

namespace Cached.Backplane;

/// <summary>What a backplane message asks every other node to do with its L1.</summary>
internal enum BackplaneMessageKind : byte
{
    /// <summary>The keys were removed (L1 and L2): drop the L1 copies and do not store a running factory's result.</summary>
    RemoveKeys = 1,

    /// <summary>The tags were invalidated (<c>"*"</c>: everything): raise their local stamps.</summary>
    InvalidateTags = 2,

    /// <summary>New values were written to L2 under the keys (write-through): drop the L1 copies, read L2 next time.</summary>
    DropLocalCopies = 3,

    /// <summary>A node checking its own subscription: only the sender acts on it.</summary>
    SyncMarker = 4,
}

/// <summary>
/// One backplane message: the sender's instance id, when it was sent (µs, Redis time scale, for the lag metric), and
/// the keys or tags with their stamps. Many keys or tags removed by one call travel in one message.
/// </summary>
/// <remarks>
/// Layout (little-endian): version (1 byte), kind (1), sender (16), sent-at (8), count (4), then per item its stamp
/// (8), its UTF-8 length (4) and its bytes. Small: a key removal is ~50 bytes plus the key.
/// </remarks>
internal sealed record BackplaneMessage(BackplaneMessageKind Kind, Guid Sender, long SentAt, string[] Items, long[] Stamps)
{
    private const byte FormatVersion = 1;
    private const int FixedLength = 1 + 1 + 16 + 8 + 4;

    public byte[] Encode()
    {
        var length = FixedLength;
        foreach (var item in Items)
        {
            length += 12 + Encoding.UTF8.GetByteCount(item);
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)Kind;
        Sender.TryWriteBytes(span[2..18]);
        BinaryPrimitives.WriteInt64LittleEndian(span[18..], SentAt);
        BinaryPrimitives.WriteInt32LittleEndian(span[26..], Items.Length);
        var offset = FixedLength;
        for (var i = 0; i < Items.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], Stamps[i]);
            var written = Encoding.UTF8.GetBytes(Items[i], span[(offset + 12)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 8)..], written);
            offset += 12 + written;
        }

        return buffer;
    }

    /// <summary>Reads a message; <c>null</c> for anything malformed or of another format version (never throws).</summary>
    public static BackplaneMessage? TryDecode(ReadOnlySpan<byte> data)
    {
        if (data.Length < FixedLength || data[0] != FormatVersion || !Enum.IsDefined((BackplaneMessageKind)data[1]))
        {
            return null;
        }

        var sender = new Guid(data[2..18]);
        var sentAt = BinaryPrimitives.ReadInt64LittleEndian(data[18..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[26..]);
        if (count < 0 || count > (data.Length - FixedLength) / 12)
        {
            return null;
        }

        var items = new string[count];
        var stamps = new long[count];
        var offset = FixedLength;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - offset < 12)
            {
                return null;
            }

            stamps[i] = BinaryPrimitives.ReadInt64LittleEndian(data[offset..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[(offset + 8)..]);
            offset += 12;
            if (length < 0 || length > data.Length - offset)
            {
                return null;
            }

            items[i] = Encoding.UTF8.GetString(data.Slice(offset, length));
            offset += length;
        }

        return offset == data.Length ? new BackplaneMessage((BackplaneMessageKind)data[1], sender, sentAt, items, stamps) : null;
    }
}
