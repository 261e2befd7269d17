using Cached.Generated;
using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Caching.Hybrid;

namespace Cached.Runtime.Tests.Strategies;

[Collection(RedisCollection.Name)]
public sealed class WriteThroughTests(RedisServerFixture redis)
{
    private const string Key = "Tests.Profile#0|1";
    private static readonly string[] Tags = ["user:1"];

    private static readonly CachedMethod<string> s_profile =
        new("Tests.Profile.Get", "Tests.Profile#0", TimeSpan.FromMinutes(10), null, CacheStrategy.WriteThrough);

    [Fact]
    public async Task After_a_write_the_next_read_on_this_node_and_on_another_returns_the_new_value_without_a_factory_call()
    {
        var prefix = "wt" + Guid.NewGuid().ToString("N")[..12];
        using var writer = await NodeAsync(prefix);
        using var other = await NodeAsync(prefix);
        var runs = 0;
        ValueTask<string> Load(int _, CancellationToken __)
        {
            Interlocked.Increment(ref runs);
            return new ValueTask<string>("old");
        }

        Assert.Equal("old", await Read(writer.Hybrid, Load));

        // What the generated wrapper of a linked write does: the write's invalidations, then the new value stored.
        await writer.Hybrid.RemoveByTagAsync(Tags[0]);
        await s_profile.SetAsync(writer.Hybrid, Key, "new", Tags, default);

        Assert.Equal("new", await Read(writer.Hybrid, Load));
        Assert.Equal("new", await Read(other.Hybrid, Load));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_node_holding_an_L1_copy_drops_it_and_reads_the_written_value_from_L2_without_a_factory_call()
    {
        var prefix = "wt" + Guid.NewGuid().ToString("N")[..12];
        using var writer = await NodeAsync(prefix);
        using var reader = await NodeAsync(prefix);
        var runs = 0;
        ValueTask<string> Load(int _, CancellationToken __)
        {
            Interlocked.Increment(ref runs);
            return new ValueTask<string>("old");
        }

        Assert.Equal("old", await Read(writer.Hybrid, Load));
        Assert.Equal("old", await Read(reader.Hybrid, Load)); // from L2: the reader now holds an L1 copy
        Assert.True(s_profile.TryGetValue(reader.Hybrid, Key, out _));

        await writer.Hybrid.RemoveByTagAsync(Tags[0]);
        await s_profile.SetAsync(writer.Hybrid, Key, "new", Tags, default);

        // The backplane tells the reader to drop its copy; its next read comes from L2.
        await Eventually.HoldsAsync(() => !s_profile.TryGetValue(reader.Hybrid, Key, out var copy) || copy == "new", "the reader dropped its old copy");
        Assert.Equal("new", await Read(reader.Hybrid, Load));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task An_L1Only_method_never_writes_to_Redis()
    {
        var prefix = "wt" + Guid.NewGuid().ToString("N")[..12];
        using var node = await NodeAsync(prefix);
        var local = new CachedMethod<string>("Tests.Profile.Local", "Tests.Profile#0", TimeSpan.FromMinutes(10), null, CacheStrategy.CacheAside) { L1Only = true };

        await local.GetOrCreateAsync(node.Hybrid, Key, 1, static (_, _) => new ValueTask<string>("local"), Tags, default);

        Assert.True(local.TryGetValue(node.Hybrid, Key, out _));
        Assert.False(await node.Engine.L2!.Database!.KeyExistsAsync($"{prefix}:e:{Key}"));
    }

    private static ValueTask<string> Read(HybridCache cache, Func<int, CancellationToken, ValueTask<string>> load)
        => s_profile.TryGetValue(cache, Key, out var hit) ? new ValueTask<string>(hit) : s_profile.GetOrCreateAsync(cache, Key, 1, load, Tags, default);

    private async Task<TestCache> NodeAsync(string prefix)
    {
        var cache = TestCache.Create(o =>
        {
            o.Redis = redis.Configuration;
            o.KeyPrefix = prefix;
            o.L2.Timeout = "5s";
        });
        await Eventually.HoldsAsync(() => cache.Engine.L2!.IsConnected, "the engine is connected to Redis");
        return cache;
    }
}
