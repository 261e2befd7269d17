using System.ComponentModel;
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

    public sealed class Basket
    {
        public List<string> Items { get; set; } = [];
    }

    [ImmutableObject(true)]
    public sealed record Label(string Text);
}
