using Cached.Runtime.Tests.Support;
using Cached.Telemetry;
using StackExchange.Redis;

namespace Cached.Runtime.Tests.Redis;

/// <summary>L2 scenarios that hold on standalone Redis and on Redis Cluster alike.</summary>
public abstract class RedisL2Scenarios(IRedisTarget target)
{
    protected IRedisTarget Target { get; } = target;

    [Fact]
    public async Task An_L1_miss_is_served_from_L2_without_running_the_factory()
    {
        const string name = "Tests.Redis.L2Hit";
        using var l2Hits = new CounterRecorder(CachedMetrics.L2HitsName, name);
        using var cache = await ConnectedAsync();
        var engine = cache.Engine;
        var runs = 0;
        var options = new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(5), Name = name };
        ValueTask<Product> Factory(CancellationToken _) => new(new Product(++runs, "Lamp", 12.5m));

        var first = await engine.GetOrCreateAsync("product|1", Factory, options, ["product:1"]);
        engine.L1.Clear();
        var second = await engine.GetOrCreateAsync("product|1", Factory, options, ["product:1"]);

        Assert.Equal(1, runs);
        Assert.Equal(first, second);
        Assert.Equal(1, l2Hits.Total);
        Assert.True(engine.TryGet<Product>("product|1", out _), "an L2 hit fills L1");
    }

    [Fact]
    public async Task Entries_are_written_under_the_key_prefix_with_the_jittered_ttl()
    {
        var prefix = NewPrefix();
        using var cache = await ConnectedAsync(prefix);
        await cache.Engine.SetAsync("k", "v", new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(10), Jitter = TimeSpan.FromMinutes(1) });

        await using var raw = await Target.ConnectAsync();
        var ttl = await raw.GetDatabase().KeyTimeToLiveAsync($"{prefix}:e:k");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task A_second_node_reads_what_the_first_wrote()
    {
        var prefix = NewPrefix();
        using var first = await ConnectedAsync(prefix);
        using var second = await ConnectedAsync(prefix);

        await first.Engine.SetAsync("k", "from the first node", tags: ["t"]);
        var runs = 0;
        var value = await second.Engine.GetOrCreateAsync("k", _ => { runs++; return new ValueTask<string>("factory"); }, tags: ["t"]);

        Assert.Equal("from the first node", value);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task A_tag_invalidated_on_one_node_makes_the_other_miss_when_it_reads_from_L2()
    {
        var prefix = NewPrefix();
        using var writer = await ConnectedAsync(prefix);
        using var reader = await ConnectedAsync(prefix);
        var runs = 0;
        ValueTask<string> Factory(CancellationToken _) => new($"version {++runs}");

        Assert.Equal("version 1", await reader.Engine.GetOrCreateAsync("product|1", Factory, tags: ["product:1"]));
        Assert.Equal("other", await reader.Engine.GetOrCreateAsync("product|2", _ => new ValueTask<string>("other"), tags: ["product:2"]));

        await writer.Engine.RemoveByTagAsync("product:1");

        // The L2 path on its own (the backplane has its own tests): without L1, the next read from L2 must see the invalidation.
        reader.Engine.L1.Clear();
        Assert.Equal("version 2", await reader.Engine.GetOrCreateAsync("product|1", Factory, tags: ["product:1"]));
        Assert.Equal(2, runs);

        // An entry without the tag is still an L2 hit.
        Assert.Equal("other", await reader.Engine.GetOrCreateAsync("product|2", _ => new ValueTask<string>("factory ran"), tags: ["product:2"]));
    }

    [Fact]
    public async Task A_tag_invalidation_is_seen_even_by_a_reader_that_does_not_name_the_tag()
    {
        var prefix = NewPrefix();
        using var writer = await ConnectedAsync(prefix);
        using var reader = await ConnectedAsync(prefix);
        await writer.Engine.SetAsync("k", "old", tags: ["t"]);
        await writer.Engine.RemoveByTagAsync("t");

        // The payload carries its tags: their stamps are fetched even though this caller names none.
        var value = await reader.Engine.GetOrCreateAsync("k", _ => new ValueTask<string>("new"));
        Assert.Equal("new", value);
    }

    [Fact]
    public async Task A_result_whose_factory_began_before_another_nodes_invalidation_is_rejected_from_L2()
    {
        var prefix = NewPrefix();
        using var reader = await ConnectedAsync(prefix);
        using var writer = await ConnectedAsync(prefix);
        using var third = await ConnectedAsync(prefix);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = reader.Engine.GetOrCreateAsync("product|1", async _ =>
        {
            started.SetResult();
            return await finish.Task;
        }, tags: ["product:1"]).AsTask();
        await started.Task.Within();

        // Another node updates the row and invalidates while the reader's factory runs; whether or not the reader
        // hears of it in time, the old row must not be read from L2 by anyone.
        await writer.Engine.RemoveByTagAsync("product:1");
        finish.SetResult("old row");
        Assert.Equal("old row", await read.Within());

        var value = await third.Engine.GetOrCreateAsync("product|1", _ => new ValueTask<string>("new row"), tags: ["product:1"]);
        Assert.Equal("new row", value);
    }

    [Fact]
    public async Task A_value_written_through_after_its_invalidation_is_valid_on_every_node()
    {
        var prefix = NewPrefix();
        using var writer = await ConnectedAsync(prefix);
        using var other = await ConnectedAsync(prefix);
        await writer.Engine.SetAsync("profile|7", "old", tags: ["user:7"]);

        await writer.Engine.RemoveByTagAsync("user:7");
        await writer.Engine.SetAsync("profile|7", "new", tags: ["user:7"]);

        Assert.True(writer.Engine.TryGet<string>("profile|7", out var local));
        Assert.Equal("new", local);
        var runs = 0;
        var remote = await other.Engine.GetOrCreateAsync("profile|7", _ => { runs++; return new ValueTask<string>("from the database"); }, tags: ["user:7"]);
        Assert.Equal("new", remote);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task Tag_stamps_in_Redis_never_move_back()
    {
        var prefix = NewPrefix();
        using var cache = await ConnectedAsync(prefix);
        await using var raw = await Target.ConnectAsync();
        var future = cache.Engine.Clock.Now() + 60_000_000; // a minute ahead, as a node with a fast clock might write
        await raw.GetDatabase().StringSetAsync($"{prefix}:t:t", future);

        await cache.Engine.RemoveByTagAsync("t");

        var stamp = (long)await raw.GetDatabase().StringGetAsync($"{prefix}:t:t");
        Assert.Equal(future + 1, stamp);
    }

    [Fact]
    public async Task Removing_a_key_deletes_it_from_L2()
    {
        var prefix = NewPrefix();
        using var first = await ConnectedAsync(prefix);
        using var second = await ConnectedAsync(prefix);
        await first.Engine.SetAsync("k", "v");

        await first.Engine.RemoveAsync("k");

        // What is left is a short-lived tombstone (see the cross-node race guard), not the payload.
        await using var raw = await Target.ConnectAsync();
        var left = (string?)await raw.GetDatabase().StringGetAsync($"{prefix}:e:k");
        Assert.StartsWith("CRMV", left);
        Assert.Equal("fresh", await second.Engine.GetOrCreateAsync("k", _ => new ValueTask<string>("fresh")));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("other key")]
    [InlineData("other type")]
    [InlineData("bad body")]
    public async Task A_corrupt_L2_payload_is_a_miss_the_factory_runs_and_the_metric_counts_it(string corruption)
    {
        var name = $"Tests.Redis.Corrupt.{corruption}";
        using var corrupt = new CounterRecorder(CachedMetrics.CorruptPayloadsName, name);
        var prefix = NewPrefix();
        using var cache = await ConnectedAsync(prefix);
        await using var raw = await Target.ConnectAsync();
        var db = raw.GetDatabase();

        // A genuine payload to damage: written by the engine under another key, then fetched.
        await cache.Engine.SetAsync("source", new Product(1, "Lamp", 1m));
        var genuine = (byte[])(await db.StringGetAsync($"{prefix}:e:source"))!;
        byte[] damaged = corruption switch
        {
            "garbage" => "\u0001\u00ffthis is not a payload at all"u8.ToArray(),
            "truncated" => genuine[..(genuine.Length - 3)],
            "other key" => genuine,
            "other type" => (byte[])(await WriteStringAsync(cache, db, prefix))!,
            "bad body" => [.. genuine[..^1], (byte)'!'],
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        await db.StringSetAsync($"{prefix}:e:target", damaged);

        var runs = 0;
        var value = await cache.Engine.GetOrCreateAsync(
            "target", _ => { runs++; return new ValueTask<Product>(new Product(2, "Fresh", 2m)); }, new CacheEntryOptions { Name = name });

        Assert.Equal(new Product(2, "Fresh", 2m), value);
        Assert.Equal(1, runs);
        Assert.Equal(1, corrupt.Total);
    }

    private static async Task<RedisValue> WriteStringAsync(TestCache cache, IDatabase db, string prefix)
    {
        // A valid payload of another type (string) stored under the key a Product is read from.
        await cache.Engine.SetAsync("as string", "a string, not a product");
        return await db.StringGetAsync($"{prefix}:e:as string");
    }

    [Fact]
    public async Task A_key_longer_than_MaxKeyLength_is_hashed_in_Redis_and_still_shared_between_nodes()
    {
        var prefix = NewPrefix();
        using var first = await ConnectedAsync(prefix, o => o.L2.MaxKeyLength = 64);
        using var second = await ConnectedAsync(prefix, o => o.L2.MaxKeyLength = 64);
        var longKey = "search|" + new string('x', 500);
        var otherLongKey = "search|" + new string('x', 499) + "y";

        await first.Engine.SetAsync(longKey, "long", tags: ["tag-" + new string('t', 100)]);
        await first.Engine.SetAsync(otherLongKey, "other");
        var runs = 0;
        var value = await second.Engine.GetOrCreateAsync(longKey, _ => { runs++; return new ValueTask<string>("factory"); });

        Assert.Equal("long", value);
        Assert.Equal(0, runs);
        await using var raw = await Target.ConnectAsync();
        var keys = await AllKeysAsync(raw, prefix);
        Assert.Contains(keys, key => key.StartsWith($"{prefix}:e:#", StringComparison.Ordinal));
        Assert.All(keys, key => Assert.True(key.Length <= prefix.Length + 3 + 64, $"'{key}' is longer than the bound"));
    }

    [Fact]
    public async Task A_payload_above_MaxPayloadBytes_stays_in_L1_and_is_not_written_to_Redis()
    {
        const string name = "Tests.Redis.Oversized";
        using var oversized = new CounterRecorder(CachedMetrics.L2OversizedName, name);
        var prefix = NewPrefix();
        using var first = await ConnectedAsync(prefix, o => o.L2.MaxPayloadBytes = 1024);
        using var second = await ConnectedAsync(prefix);
        var options = new CacheEntryOptions { Name = name };

        await first.Engine.GetOrCreateAsync("big", _ => new ValueTask<string>(new string('b', 5_000)), options);
        await first.Engine.GetOrCreateAsync("small", _ => new ValueTask<string>("s"), options);

        Assert.True(first.Engine.TryGet<string>("big", out _), "the node that made it keeps it in L1");
        var runs = 0;
        await second.Engine.GetOrCreateAsync("big", _ => { runs++; return new ValueTask<string>("rebuilt"); });
        Assert.Equal(1, runs);
        await second.Engine.GetOrCreateAsync("small", _ => { runs++; return new ValueTask<string>("rebuilt"); });
        Assert.Equal(1, runs);
        Assert.Equal(1, oversized.Total);
    }

    [Fact]
    public async Task A_write_through_too_large_for_Redis_removes_the_value_it_replaced_there()
    {
        var prefix = NewPrefix();
        using var writer = await ConnectedAsync(prefix, o => o.L2.MaxPayloadBytes = 1024);
        using var reader = await ConnectedAsync(prefix);
        await writer.Engine.SetAsync("k", "old");

        await writer.Engine.SetAsync("k", new string('n', 5_000));
        reader.Engine.L1.Clear();
        var value = await reader.Engine.GetOrCreateAsync("k", _ => new ValueTask<string>("from the database"));

        Assert.Equal("from the database", value);
    }

    private static async Task<List<string>> AllKeysAsync(StackExchange.Redis.ConnectionMultiplexer raw, string prefix)
    {
        var keys = new List<string>();
        foreach (var server in raw.GetServers())
        {
            if (!server.IsReplica)
            {
                await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
                {
                    keys.Add(key.ToString());
                }
            }
        }

        return keys;
    }

    private protected Task<TestCache> ConnectedAsync(string? prefix = null, Action<CachedOptions>? configure = null)
        => TestCache.ConnectedAsync(Target.Configuration, prefix ?? NewPrefix(), configure);

    protected static string NewPrefix() => TestCache.NewPrefix();

    public sealed record Product(int Id, string Name, decimal Price);
}
