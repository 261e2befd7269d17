using System.Text.Json;
using System.Text.Json.Serialization;
using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

/// <summary>
/// The engine's own API copies what Microsoft's HybridCache would copy (a type not known to be immutable) and shares
/// the rest, like Cached's HybridCache front end.
/// </summary>
public sealed class EngineCopiesTests
{
    [Fact]
    public async Task Reads_of_a_mutable_value_each_get_a_copy_that_no_other_reader_sees_changed()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;

        var first = await engine.GetOrCreateAsync("basket", _ => new ValueTask<Basket>(new Basket { Items = ["tea"] }));
        first.Items.Add("changed by the first reader");
        Assert.True(engine.TryGet<Basket>("basket", out var second));
        second.Items.Add("changed by the second reader");
        var many = await engine.GetOrCreateManyAsync<Basket>(["basket"], (_, _) => throw new InvalidOperationException("not called"));

        Assert.Equal(["tea"], many["basket"].Items);
        Assert.Equal(3, new object[] { first, second, many["basket"] }.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public async Task A_mutable_value_set_is_stored_as_a_copy()
    {
        using var cache = TestCache.Create();
        var written = new Basket { Items = ["tea"] };

        await cache.Engine.SetAsync("basket", written);
        written.Items.Add("changed after the write");

        Assert.True(cache.Engine.TryGet<Basket>("basket", out var read));
        Assert.Equal(["tea"], read.Items);
    }

    [Fact]
    public async Task A_sealed_type_marked_immutable_is_shared()
    {
        using var cache = TestCache.Create();
        var label = await cache.Engine.GetOrCreateAsync("label", _ => new ValueTask<Label>(new Label("tea")));

        Assert.True(cache.Engine.TryGet<Label>("label", out var again));
        Assert.Same(label, again);
    }

    [Fact]
    public async Task Hits_copy_from_the_entrys_serialized_form_made_once_not_a_new_round_trip_each()
    {
        var writes = new CountingConverter();
        using var cache = TestCache.Create(o => o.JsonSerializerOptions = new JsonSerializerOptions { Converters = { writes } });
        var engine = cache.Engine;

        for (var i = 0; i < 5; i++)
        {
            await engine.GetOrCreateAsync("basket", _ => new ValueTask<Basket>(new Basket { Items = ["tea"] }));
        }

        // The miss copies its result once; the first hit serializes the entry once; later hits only deserialize.
        Assert.Equal(2, writes.Writes);
    }

    private sealed class CountingConverter : JsonConverter<Basket>
    {
        public int Writes;

        public override Basket Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new() { Items = JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [] };

        public override void Write(Utf8JsonWriter writer, Basket value, JsonSerializerOptions options)
        {
            Interlocked.Increment(ref Writes);
            JsonSerializer.Serialize(writer, value.Items, options);
        }
    }
}
