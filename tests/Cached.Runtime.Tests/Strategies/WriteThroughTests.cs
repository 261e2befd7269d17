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
        var prefix = TestCache.NewPrefix();
        using var writer = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        using var other = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        var database = new Database();

        Assert.Equal("old", await Read(writer.Hybrid, database));

        // What the generated wrapper of a linked write does: the write's invalidations, then the new value stored.
        await writer.Hybrid.RemoveByTagAsync(Tags[0]);
        await s_profile.SetAsync(writer.Hybrid, Key, "new", Tags, default);

        Assert.Equal("new", await Read(writer.Hybrid, database));
        Assert.Equal("new", await Read(other.Hybrid, database));
        Assert.Equal(1, database.Reads);
    }

    [Fact]
    public async Task A_node_holding_an_L1_copy_drops_it_and_reads_the_written_value_from_L2_without_a_factory_call()
    {
        var prefix = TestCache.NewPrefix();
        using var writer = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        using var reader = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        var database = new Database();

        Assert.Equal("old", await Read(writer.Hybrid, database));
        Assert.Equal("old", await Read(reader.Hybrid, database)); // from L2: the reader now holds an L1 copy
        Assert.True(s_profile.TryGetValue(reader.Hybrid, Key, out _));

        await writer.Hybrid.RemoveByTagAsync(Tags[0]);
        await s_profile.SetAsync(writer.Hybrid, Key, "new", Tags, default);

        // The backplane tells the reader to drop its copy; its next read comes from L2.
        await Eventually.HoldsAsync(() => !s_profile.TryGetValue(reader.Hybrid, Key, out var copy) || copy == "new", "the reader dropped its old copy");
        Assert.Equal("new", await Read(reader.Hybrid, database));
        Assert.Equal(1, database.Reads);
    }

    [Fact]
    public async Task An_L1Only_method_never_writes_to_Redis()
    {
        var prefix = TestCache.NewPrefix();
        using var node = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        var local = new CachedMethod<string>("Tests.Profile.Local", "Tests.Profile#0", TimeSpan.FromMinutes(10), null, CacheStrategy.CacheAside) { L1Only = true };

        await local.GetOrCreateAsync(node.Hybrid, Key, 1, static (_, _) => new ValueTask<string>("local"), Tags, default);

        Assert.True(local.TryGetValue(node.Hybrid, Key, out _));
        Assert.False(await node.Engine.L2!.Database!.KeyExistsAsync($"{prefix}:e:{Key}"));
    }

    /// <summary>What a generated wrapper does: the allocation-free hit, else the miss path, which reads the database.</summary>
    private static ValueTask<string> Read(HybridCache cache, Database database)
        => s_profile.TryGetValue(cache, Key, out var hit)
            ? new ValueTask<string>(hit)
            : s_profile.GetOrCreateAsync(cache, Key, database, static (db, _) => db.LoadAsync(), Tags, default);

    /// <summary>The profile's row, which still says "old": the cache must not need it after a write-through.</summary>
    private sealed class Database
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public ValueTask<string> LoadAsync()
        {
            Interlocked.Increment(ref _reads);
            return new ValueTask<string>("old");
        }
    }
}
