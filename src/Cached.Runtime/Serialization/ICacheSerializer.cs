using System.Buffers;

namespace Cached.Serialization;

/// <summary>
/// Turns values into the body of an L2 payload and back. System.Text.Json is the one implementation today; the
/// seam lets other serializers plug in without touching the payload header or the engine.
/// </summary>
internal interface ICacheSerializer
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>.</summary>
    void Serialize<T>(T value, IBufferWriter<byte> destination);

    /// <summary>Reads a value written by <see cref="Serialize{T}"/>; throws on malformed input (the engine turns it into a miss).</summary>
    T Deserialize<T>(ReadOnlySpan<byte> source);
}
