using System.Diagnostics;
using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>Redis killed (SIGKILL) under a concurrent read load, then restarted on the same port: no request fails.</summary>
[Collection(NonParallel.Name)]
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private const int Readers = 8;

    [Fact]
    public async Task Redis_killed_during_a_read_load_fails_no_request_and_the_engine_recovers_by_itself()
    {
        using var server = await RedisServerProcess.StartAsync();
        using var cache = await TestCache.ConnectedAsync($"127.0.0.1:{server.Port}", TestCache.NewPrefix(), o => o.L2.Timeout = "250ms");
        var engine = cache.Engine;
        var load = new ReadLoad(engine);
        var running = Enumerable.Range(0, Readers).Select(_ => Task.Run(load.RunAsync)).ToArray();
        await Eventually.HoldsAsync(() => load.Served > 2_000, "the load is running");

        server.Kill();
        var servedBefore = load.Served;
        var failedBefore = load.Failed;
        await Task.Delay(1_000); // the outage
        var servedDuring = load.Served - servedBefore;
        var failedDuring = load.Failed - failedBefore;
        var resyncs = engine.Resyncs;

        await server.StartAsync();
        var restarted = Stopwatch.StartNew();
        await Eventually.HoldsAsync(
            () => engine.L2!.IsConnected && !engine.L2.Breaker.IsOpen && engine.Backplane!.IsSubscribed && engine.Resyncs > resyncs,
            "the engine is connected, subscribed and resynchronised again");
        var recovery = restarted.Elapsed;
        await using (var raw = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port}"))
        {
            var restartedServer = raw.GetServers()[0];
            await Eventually.HoldsAsync(() => restartedServer.DatabaseSize() > 0, "entries reach the restarted Redis");
        }

        load.Stop();
        await Task.WhenAll(running).Within();

        output.WriteLine($"during the 1 s outage: {servedDuring} requests served, {failedDuring} failed; in total {load.Served} served, {load.Failed} failed");
        output.WriteLine($"recovery after the restart (connected, breaker closed, subscription confirmed, L1 resynchronised): {recovery.TotalMilliseconds:F0} ms");
        Assert.Equal(0, load.Failed);
        Assert.True(servedDuring > 0, "requests are served from L1 and the factory while Redis is down");
        Assert.True(recovery < TimeSpan.FromSeconds(10), $"recovery took {recovery}"); // hang guard; the number is reported above
    }

    /// <summary>Readers over 200 hot keys with tags; a request fails if the call throws.</summary>
    private sealed class ReadLoad(CacheEngine engine)
    {
        private volatile bool _stopped;
        private long _served;
        private long _failed;

        public long Served => Interlocked.Read(ref _served);

        public long Failed => Interlocked.Read(ref _failed);

        public void Stop() => _stopped = true;

        public async Task RunAsync()
        {
            var random = new Random();
            while (!_stopped)
            {
                var id = random.Next(200);
                try
                {
                    var value = await engine.GetOrCreateAsync(
                        $"product|{id}", _ => new ValueTask<string>($"product {id}"), tags: [$"product:{id}"]);
                    if (value != $"product {id}")
                    {
                        throw new InvalidOperationException($"wrong value {value}");
                    }

                    Interlocked.Increment(ref _served);
                    if (id % 50 == 0)
                    {
                        await engine.RemoveByTagAsync($"product:{id}"); // some writes too: they must not fail either
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref _failed);
                }

                await Task.Yield();
            }
        }
    }
}
