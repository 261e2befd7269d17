using Cached.Serialization;

namespace Cached.Runtime.Tests;

public sealed class PayloadFormatTests
{
    private static readonly SystemTextJsonCacheSerializer s_serializer = new(null);

    public sealed record Product(int Id, string Name, decimal Price);

    [Fact]
    public void A_payload_round_trips_its_header_and_value()
    {
        var payload = PayloadFormat.Write(s_serializer, "product|1", new Product(1, "Lamp", 12.5m), 1234567, TimeSpan.FromMinutes(5), ["product:1", "category:lamps"]);

        Assert.True(PayloadFormat.TryReadHeader<Product>(payload, "product|1", out var header, out var body, out var failure), failure);
        Assert.Equal(1234567, header.CreatedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), header.Ttl);
        Assert.Equal(["product:1", "category:lamps"], header.Tags);
        Assert.Equal(new Product(1, "Lamp", 12.5m), s_serializer.Deserialize<Product>(payload.AsSpan(body)));
    }

    [Fact]
    public void Garbage_a_truncation_another_version_another_key_or_another_type_is_rejected()
    {
        var payload = PayloadFormat.Write(s_serializer, "k", new Product(1, "Lamp", 1m), 1, TimeSpan.FromSeconds(1), ["t"]);
        var otherVersion = (byte[])payload.Clone();
        otherVersion[4] = 99;

        Assert.False(PayloadFormat.TryReadHeader<Product>("not a payload at all"u8, "k", out _, out _, out _));
        Assert.False(PayloadFormat.TryReadHeader<Product>(payload.AsSpan(0, 33), "k", out _, out _, out _));
        Assert.False(PayloadFormat.TryReadHeader<Product>(otherVersion, "k", out _, out _, out var version));
        Assert.Contains("version", version);
        Assert.False(PayloadFormat.TryReadHeader<Product>(payload, "k2", out _, out _, out var key));
        Assert.Contains("another key", key);
        Assert.False(PayloadFormat.TryReadHeader<string>(payload, "k", out _, out _, out var type));
        Assert.Contains("another type", type);
        Assert.False(PayloadFormat.TryReadHeader<Product>([], "k", out _, out _, out _));
    }

    [Fact]
    public void Every_truncation_of_a_payload_is_rejected()
    {
        // A number is the worst case: "12345" cut to "123" would still parse.
        var payload = PayloadFormat.Write(s_serializer, "key", 1234567890L, 1, TimeSpan.FromSeconds(1), ["a", "b"]);
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.False(PayloadFormat.TryReadHeader<long>(payload.AsSpan(0, length), "key", out _, out _, out _), $"cut at {length}");
        }

        Assert.True(PayloadFormat.TryReadHeader<long>(payload, "key", out _, out _, out _));
    }
}
