using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>The backplane scenarios on standalone Redis, plus a lost subscription (through a proxy that can be severed).</summary>
[Collection(RedisCollection.Name)]
public sealed class BackplaneTests(RedisServerFixture redis, ITestOutputHelper output) : BackplaneScenarios(redis, output)
{
    [Fact]
    public async Task After_a_lost_subscription_a_node_does_not_serve_an_entry_invalidated_meanwhile()
    {
        var prefix = TestCache.NewPrefix();
        using var proxy = new FreezableProxy(((RedisServerFixture)Target).Port);
        using var writer = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var reader = await TestCache.ConnectedAsync($"127.0.0.1:{proxy.Port}", prefix);
        await reader.Engine.GetOrCreateAsync("product|1", _ => new ValueTask<string>("old"), tags: ["product:1"]);
        var resyncs = reader.Engine.Resyncs;

        proxy.Sever();
        await Eventually.HoldsAsync(() => !reader.Engine.Backplane!.IsSubscribed, "the reader noticed its subscription is gone");
        await writer.Engine.RemoveByTagAsync("product:1");
        await Task.Delay(200);
        Assert.True(reader.Engine.TryGet<string>("product|1", out _), "while cut off, the reader serves its L1 (and missed the message)");

        proxy.Restore();
        await Eventually.HoldsAsync(() => reader.Engine.Backplane!.IsSubscribed, "the reader resubscribed");

        Assert.True(reader.Engine.Resyncs > resyncs);
        Assert.False(reader.Engine.TryGet<string>("product|1", out _), "the stale entry must not be served after the reconnect");
        Assert.Equal("new", await reader.Engine.GetOrCreateAsync("product|1", _ => new ValueTask<string>("new"), tags: ["product:1"]));
    }

    [Fact]
    public async Task An_invalidation_made_while_Redis_was_unreachable_is_replayed_when_it_returns()
    {
        var prefix = TestCache.NewPrefix();
        using var proxy = new FreezableProxy(((RedisServerFixture)Target).Port);
        using var writer = await TestCache.ConnectedAsync($"127.0.0.1:{proxy.Port}", prefix);
        using var reader = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        await reader.Engine.GetOrCreateAsync("product|1", _ => new ValueTask<string>("old"), tags: ["product:1"]);

        proxy.Sever();
        await Eventually.HoldsAsync(() => !writer.Engine.L2!.IsConnected, "the writer noticed Redis is unreachable");
        await writer.Engine.RemoveByTagAsync("product:1"); // succeeds locally; queued for Redis and the other nodes
        Assert.True(reader.Engine.TryGet<string>("product|1", out _), "the reader cannot know yet");

        proxy.Restore();
        await Eventually.HoldsAsync(() => !reader.Engine.TryGet<string>("product|1", out _), "the replayed invalidation reached the reader");
        Assert.Equal("new", await reader.Engine.GetOrCreateAsync("product|1", _ => new ValueTask<string>("new"), tags: ["product:1"]));
    }

    [Fact]
    public async Task A_subscription_lost_without_a_connection_event_is_noticed_by_the_heartbeat()
    {
        var prefix = TestCache.NewPrefix();
        using var writer = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var reader = await TestCache.ConnectedAsync(Target.Configuration, prefix, o => o.BackplaneHeartbeat = TimeSpan.FromMilliseconds(100));
        await reader.Engine.GetOrCreateAsync("product|1", _ => new ValueTask<string>("old"), tags: ["product:1"]);
        var resyncs = reader.Engine.Resyncs;

        // The subscription silently gone: no ConnectionFailed, no ConnectionRestored.
        await reader.Engine.L2!.Multiplexer!.GetSubscriber().UnsubscribeAllAsync();
        await writer.Engine.RemoveByTagAsync("product:1");

        await Eventually.HoldsAsync(() => reader.Engine.Resyncs > resyncs && reader.Engine.Backplane!.IsSubscribed, "the reader resubscribed and resynchronised");
        Assert.False(reader.Engine.TryGet<string>("product|1", out _), "the entry invalidated meanwhile is not served");
        await writer.Engine.RemoveByTagAsync("product:2");
        await Eventually.HoldsAsync(() => reader.Engine.TagStamps.Get("product:2") > 0, "messages reach the reader again");
    }
}
