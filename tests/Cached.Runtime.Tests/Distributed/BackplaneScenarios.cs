using System.Diagnostics;
using Cached.Backplane;
using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>Several engines (separate DI containers, as separate app servers would have) on one Redis deployment.</summary>
public abstract class BackplaneScenarios(IRedisTarget target, ITestOutputHelper output)
{
    protected IRedisTarget Target { get; } = target;

    [Fact]
    public async Task Invalidation_reaches_the_L1_of_every_node()
    {
        var prefix = TestCache.NewPrefix();
        using var a = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var b = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var c = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        const int invalidations = 1000;
        var lags = new double[invalidations];

        for (var i = 0; i < invalidations; i++)
        {
            var key = $"product|{i}";
            string[] tags = [$"product:{i}"];
            await b.Engine.GetOrCreateAsync(key, _ => new ValueTask<string>("old"), tags: tags);
            await c.Engine.GetOrCreateAsync(key, _ => new ValueTask<string>("old"), tags: tags); // from L2 into c's L1
            Assert.True(b.Engine.TryGet<string>(key, out _) && c.Engine.TryGet<string>(key, out _));

            var watch = Stopwatch.StartNew();
            await a.Engine.RemoveByTagAsync(tags[0]);
            while (b.Engine.TryGet<string>(key, out _) || c.Engine.TryGet<string>(key, out _))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"invalidation {i} did not reach nodes B and C"); // hang guard
                await Task.Yield();
            }

            lags[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(lags);
        var p50 = lags[invalidations / 2];
        var p99 = lags[(invalidations * 99 / 100) - 1];
        output.WriteLine($"{Target.GetType().Name}: backplane lag over {invalidations} tag invalidations (A's call start to B and C both invalid): p50 {p50:F2} ms, p99 {p99:F2} ms, max {lags[^1]:F2} ms");
        Assert.True(p99 < 1000, $"p99 {p99} ms"); // generous: a guard against polling or lost messages, not a benchmark
    }

    [Fact]
    public async Task A_key_removed_on_one_node_leaves_the_L1_of_the_others()
    {
        var prefix = TestCache.NewPrefix();
        using var a = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var b = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        await b.Engine.GetOrCreateAsync("k", _ => new ValueTask<string>("old"));

        await a.Engine.RemoveAsync("k");

        await Eventually.HoldsAsync(() => !b.Engine.TryGet<string>("k", out _), "node B dropped its copy");
        Assert.Equal("new", await b.Engine.GetOrCreateAsync("k", _ => new ValueTask<string>("new")));
    }

    [Fact]
    public async Task A_clear_reaches_every_node()
    {
        var prefix = TestCache.NewPrefix();
        using var a = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var b = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        await b.Engine.GetOrCreateAsync("untagged", _ => new ValueTask<string>("old"));
        await b.Engine.GetOrCreateAsync("tagged", _ => new ValueTask<string>("old"), tags: ["t"]);

        await a.Engine.RemoveByTagAsync("*");

        await Eventually.HoldsAsync(
            () => !b.Engine.TryGet<string>("untagged", out _) && !b.Engine.TryGet<string>("tagged", out _), "node B dropped everything");
    }

    [Fact]
    public async Task A_value_written_through_on_one_node_replaces_the_L1_copy_of_the_others_from_L2()
    {
        var prefix = TestCache.NewPrefix();
        using var a = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var b = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        await b.Engine.GetOrCreateAsync("profile|7", _ => new ValueTask<string>("old"), tags: ["user:7"]);

        await a.Engine.SetAsync("profile|7", "new", tags: ["user:7"]);

        await Eventually.HoldsAsync(() => !b.Engine.TryGet<string>("profile|7", out _), "node B dropped its copy");
        var runs = 0;
        var value = await b.Engine.GetOrCreateAsync("profile|7", _ => { runs++; return new ValueTask<string>("database"); }, tags: ["user:7"]);
        Assert.Equal("new", value);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task Many_keys_or_tags_removed_in_one_call_travel_in_one_message_on_the_prefixed_channel()
    {
        var prefix = TestCache.NewPrefix();
        using var a = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var b = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        await using var raw = await Target.ConnectAsync();
        var messages = 0;
        await raw.GetSubscriber().SubscribeAsync(RedisChannel.Literal(prefix + ":backplane"), (_, value) =>
        {
            // Invalidations only: each node also sends itself heartbeat markers on the channel.
            if (BackplaneMessage.TryDecode(((ReadOnlyMemory<byte>)value).Span) is { Kind: not BackplaneMessageKind.SyncMarker })
            {
                Interlocked.Increment(ref messages);
            }
        });
        string[] keys = ["k1", "k2", "k3"];
        foreach (var key in keys)
        {
            await b.Engine.GetOrCreateAsync(key, _ => new ValueTask<string>("v"), tags: ["t-" + key]);
        }

        await a.Engine.RemoveAsync(keys);
        await a.Engine.RemoveByTagAsync(keys.Select(k => "t-" + k));

        await Eventually.HoldsAsync(() => b.Engine.MessagesApplied >= 2 && Volatile.Read(ref messages) >= 2, "both messages arrived");
        Assert.All(keys, key => Assert.False(b.Engine.TryGet<string>(key, out _)));
        await Task.Delay(100); // a third message would have arrived by now
        Assert.Equal(2, Volatile.Read(ref messages));
    }
}
