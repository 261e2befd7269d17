namespace Cached.L2;

/// <summary>
/// The result of one L2 read round trip: the entry's payload (if any) and the stamps of the tags fetched with it.
/// </summary>
/// <param name="Payload">The payload bytes; <c>null</c> when absent, a removal tombstone, or on error.</param>
/// <param name="Stamps">The stamps of <c>"*"</c> then of each requested tag (0 when never invalidated).</param>
/// <param name="Owner">Returns the payload's pooled buffer, if it has one: dispose the read after use.</param>
internal readonly record struct L2Read(ReadOnlyMemory<byte>? Payload, long[] Stamps, IDisposable? Owner = null) : IDisposable
{
    public void Dispose() => Owner?.Dispose();
}
