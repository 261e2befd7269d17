using StackExchange.Redis;

namespace Cached.L2;

/// <summary>
/// The result of one L2 read round trip: the entry's payload (if any) and the stamps of the tags fetched with it.
/// </summary>
/// <param name="Payload">The payload bytes, pooled: dispose after use. <c>null</c> when absent or on error.</param>
/// <param name="Stamps">The stamps of <c>"*"</c> then of each requested tag (0 when never invalidated).</param>
internal readonly record struct L2Read(Lease<byte>? Payload, long[] Stamps) : IDisposable
{
    public void Dispose() => Payload?.Dispose();
}
