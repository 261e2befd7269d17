using System.Globalization;
using Cached.Runtime.Tests.Support;
using StackExchange.Redis;

namespace Cached.Runtime.Tests.Redis;

/// <summary>Many-key reads against L2: scenarios that hold on standalone Redis and on Redis Cluster alike.</summary>
public abstract class ManyKeyL2Scenarios(IRedisTarget target)
{
    protected IRedisTarget Target { get; } = target;

    [Fact]
    public async Task A_batch_one_node_computed_is_served_to_another_from_L2_without_the_factory()
    {
        var prefix = TestCache.NewPrefix();
        using var first = await ConnectedAsync(prefix);
        using var second = await ConnectedAsync(prefix);
        var keys = Keys(20);
        var source = new KeyedSource();

        await first.Engine.GetOrCreateManyAsync(keys, source.GetManyAsync, tags: ["catalog"]).AsTask().Within();
        var values = await second.Engine.GetOrCreateManyAsync(keys, source.GetManyAsync, tags: ["catalog"]).AsTask().Within();

        Assert.Single(source.Batches);
        Assert.All(keys, key => Assert.Equal(KeyedSource.RowOf(key), values[key]));
        Assert.All(keys, key => Assert.True(second.Engine.TryGet<string>(key, out _), "an L2 hit fills L1"));
    }

    [Fact]
    public async Task A_tag_invalidated_on_another_node_reaches_the_entries_of_a_batch_in_L1_and_in_L2()
    {
        var prefix = TestCache.NewPrefix();
        using var reader = await ConnectedAsync(prefix);
        using var writer = await ConnectedAsync(prefix);
        var keys = Keys(10);
        var source = new KeyedSource();
        await reader.Engine.GetOrCreateManyAsync(keys, source.GetManyAsync, tags: ["catalog"]).AsTask().Within();
        await reader.Engine.GetOrCreateManyAsync(["other"], source.GetManyAsync, tags: ["reviews"]).AsTask().Within();

        await writer.Engine.RemoveByTagAsync("catalog");

        // The backplane drops the reader's L1 copies; a node that never had them finds them invalid in L2.
        await Eventually.HoldsAsync(() => keys.All(key => !reader.Engine.TryGet<string>(key, out _)), "the reader's L1 copies are invalid");
        using var third = await ConnectedAsync(prefix);
        await third.Engine.GetOrCreateManyAsync([.. keys, "other"], source.GetManyAsync, tags: ["catalog"]).AsTask().Within();

        Assert.Equal(keys, source.Batches[^1]); // "other" carries only its own tag: still valid in L2
        Assert.Equal(3, source.Batches.Count);
    }

    [Fact]
    public async Task A_key_removed_while_the_batch_factory_runs_is_stored_in_neither_tier_and_the_others_are()
    {
        var prefix = TestCache.NewPrefix();
        using var node = await ConnectedAsync(prefix);
        var source = new KeyedSource(held: true);
        var many = node.Engine.GetOrCreateManyAsync(["a", "b", "c"], source.GetManyAsync).AsTask();
        await source.Started.Within();

        await node.Engine.RemoveAsync("b");
        source.Release();
        await many.Within();

        Assert.False(node.Engine.TryGet<string>("b", out _));
        using var other = await ConnectedAsync(prefix);
        var later = new KeyedSource();
        var values = await other.Engine.GetOrCreateManyAsync(["a", "b", "c"], later.GetManyAsync).AsTask().Within();
        Assert.Equal(["b"], Assert.Single(later.Batches));
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public async Task An_entry_is_judged_by_the_tags_it_was_stored_with_not_only_those_the_batch_names()
    {
        var prefix = TestCache.NewPrefix();
        using var writer = await ConnectedAsync(prefix);
        await writer.Engine.SetAsync("a", "stored with tag x", tags: ["x"]);
        await writer.Engine.SetAsync("b", "stored without tags");
        await writer.Engine.RemoveByTagAsync("x");

        using var reader = await ConnectedAsync(prefix);
        var source = new KeyedSource();
        var values = await reader.Engine.GetOrCreateManyAsync(["a", "b"], source.GetManyAsync).AsTask().Within();

        Assert.Equal(["a"], Assert.Single(source.Batches));
        Assert.Equal(KeyedSource.RowOf("a"), values["a"]);
        Assert.Equal("stored without tags", values["b"]);
    }

    [Fact]
    public async Task Entries_are_written_to_L2_with_a_ttl_jittered_per_entry()
    {
        var prefix = TestCache.NewPrefix();
        using var node = await ConnectedAsync(prefix);
        var keys = Keys(20);
        var options = new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(10), Jitter = TimeSpan.FromMinutes(1) };

        await node.Engine.GetOrCreateManyAsync(keys, new KeyedSource().GetManyAsync, options).AsTask().Within();

        await using var raw = await Target.ConnectAsync();
        var ttls = new List<TimeSpan>();
        foreach (var key in keys)
        {
            var ttl = await raw.GetDatabase().KeyTimeToLiveAsync($"{prefix}:e:{key}");
            Assert.NotNull(ttl);
            ttls.Add(ttl.Value);
        }

        Assert.All(ttls, ttl => Assert.InRange(ttl, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(11)));
        Assert.True(ttls.Distinct().Count() > 1, "each entry draws its own jitter");
    }

    private protected Task<TestCache> ConnectedAsync(string prefix) => TestCache.ConnectedAsync(Target.Configuration, prefix);

    private protected static string[] Keys(int count) => [.. Enumerable.Range(0, count).Select(i => $"product|{i}")];

    /// <summary>
    /// What Redis executed for the L2 read of a cold batch: counted once the factory runs (the held source), when the
    /// read is over and the writes (scripts that GET too) have not begun.
    /// </summary>
    private protected static async Task<CommandCounts> CountColdReadAsync(CacheEngine engine, CommandCounter counter, string[] keys, string[] tags)
    {
        var source = new KeyedSource(held: true);
        var before = await counter.ReadAsync();
        var read = engine.GetOrCreateManyAsync(keys, source.GetManyAsync, tags: tags).AsTask();
        await source.Started.Within();
        var counts = await counter.ReadAsync() - before;
        source.Release();
        Assert.Equal(keys.Length, (await read.Within()).Count);
        return counts;
    }

    /// <summary>An admin connection that reads what every server of the deployment executed (one connection: connecting sends a GET).</summary>
    private protected async Task<CommandCounter> ConnectCommandCounterAsync()
        => new(await ConnectionMultiplexer.ConnectAsync(Target.Configuration + ",allowAdmin=true"));

    private protected sealed class CommandCounter(ConnectionMultiplexer admin) : IAsyncDisposable
    {
        /// <summary>The counts so far, summed over every server (every master of a cluster).</summary>
        public async Task<CommandCounts> ReadAsync()
        {
            var total = default(CommandCounts);
            foreach (var server in admin.GetServers())
            {
                var info = (await server.InfoAsync("all")).SelectMany(static group => group).ToDictionary(static p => p.Key, static p => p.Value);
                total += new CommandCounts(
                    Calls(info, "cmdstat_mget"),
                    Calls(info, "cmdstat_get"),
                    long.Parse(info["keyspace_hits"], CultureInfo.InvariantCulture) + long.Parse(info["keyspace_misses"], CultureInfo.InvariantCulture));
            }

            return total;
        }

        public ValueTask DisposeAsync() => admin.DisposeAsync();

        private static long Calls(Dictionary<string, string> info, string command)
            => info.TryGetValue(command, out var stats) // "calls=12,usec=..."
                ? long.Parse(stats.AsSpan(6, stats.IndexOf(',', StringComparison.Ordinal) - 6), CultureInfo.InvariantCulture)
                : 0;
    }

    /// <summary>What a Redis deployment executed: <c>MGET</c> and <c>GET</c> calls, and key lookups (hits + misses).</summary>
    private protected readonly record struct CommandCounts(long Mget, long Get, long Lookups)
    {
        public static CommandCounts operator +(CommandCounts a, CommandCounts b) => new(a.Mget + b.Mget, a.Get + b.Get, a.Lookups + b.Lookups);

        public static CommandCounts operator -(CommandCounts a, CommandCounts b) => new(a.Mget - b.Mget, a.Get - b.Get, a.Lookups - b.Lookups);
    }
}
