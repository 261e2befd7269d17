using System.Diagnostics;
using Cached.Generated;
using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Strategies;

public sealed class RefreshAheadTests(ITestOutputHelper output)
{
    private const string Key = "Tests.RefreshAhead#0|hot";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FactoryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Simulated time: a read every millisecond on one hot key for 20 TTLs; the factory takes 50 ms of that time. A
    /// reader that waited for the factory would get an incomplete task: none does, after the first (cold) read.
    /// </summary>
    [Fact]
    public async Task Under_steady_reads_of_a_hot_key_no_reader_waits_and_the_factory_runs_about_once_per_ttl()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = new CachedMethod<int>("Tests.RefreshAhead.Hot", "Tests.RefreshAhead#0", Ttl, null, CacheStrategy.RefreshAhead);
        var runs = 0;
        var due = DateTimeOffset.MaxValue;
        async ValueTask<int> Factory(FakeTimeProvider clock, CancellationToken ct)
        {
            var run = Interlocked.Increment(ref runs);
            due = clock.GetUtcNow() + FactoryDelay;
            await Task.Delay(FactoryDelay, clock, ct);
            return run;
        }

        var first = Read(method, cache.Hybrid, time, Factory).AsTask();
        time.Advance(FactoryDelay);
        await first.Within();

        var total = Ttl * 20;
        var waited = 0;
        var reads = 0;
        var slowest = TimeSpan.Zero;
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += TimeSpan.FromMilliseconds(1))
        {
            time.Advance(TimeSpan.FromMilliseconds(1));

            // A refresh whose simulated 50 ms are over has its result: let it land before the next read, as it would.
            await Eventually.HoldsAsync(() => cache.Engine.Flights.Count == 0 || time.GetUtcNow() < due, "the finished refresh stored its value");
            var started = Stopwatch.GetTimestamp();
            var read = Read(method, cache.Hybrid, time, Factory);
            var latency = Stopwatch.GetElapsedTime(started);
            slowest = latency > slowest ? latency : slowest;
            reads++;
            if (!read.IsCompleted)
            {
                waited++;
                await read;
            }
        }

        var refreshes = runs - 1;
        output.WriteLine($"{reads} reads over {total.TotalSeconds} s (simulated), TTL {Ttl.TotalSeconds} s, factory {FactoryDelay.TotalMilliseconds} ms: "
                         + $"{waited} readers waited, slowest read {slowest.TotalMicroseconds:F0} µs, {refreshes} background refreshes");
        Assert.Equal(0, waited);
        Assert.InRange(refreshes, 20, 24);
    }

    [Fact]
    public async Task A_failed_early_refresh_is_not_seen_by_readers_and_a_later_hit_tries_again()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = new CachedMethod<int>("Tests.RefreshAhead.Failing", "Tests.RefreshAhead#0", Ttl, null, CacheStrategy.RefreshAhead);
        var runs = 0;
        async ValueTask<int> Factory(FakeTimeProvider clock, CancellationToken ct)
        {
            var run = Interlocked.Increment(ref runs);
            await Task.Delay(FactoryDelay, clock, ct);
            return run == 2 ? throw new InvalidOperationException("refresh failed") : run;
        }

        var first = Read(method, cache.Hybrid, time, Factory).AsTask();
        time.Advance(FactoryDelay);
        Assert.Equal(1, await first.Within());

        // 100 ms before expiry a hit draws a refresh with probability e^(-100/50) ≈ 0.14: hit until one does.
        time.Advance(Ttl - TimeSpan.FromMilliseconds(100));
        await HitUntilAsync(() => runs == 2);
        time.Advance(FactoryDelay);
        await Eventually.HoldsAsync(
            () => cache.Engine.L1.TryGet(Key, out var entry) && Volatile.Read(ref entry.RefreshState) == 0,
            "the failed refresh ended and the entry may be refreshed again");

        await HitUntilAsync(() => runs == 3);
        time.Advance(FactoryDelay);
        await Eventually.HoldsAsync(() => cache.Engine.Flights.Count == 0, "the second refresh ended");
        Assert.Equal(3, await Read(method, cache.Hybrid, time, Factory));

        async Task HitUntilAsync(Func<bool> condition)
        {
            for (var hits = 0; !condition(); hits++)
            {
                Assert.True(hits < 10_000, "no hit drew a refresh");
                var read = Read(method, cache.Hybrid, time, Factory);
                Assert.True(read.IsCompleted, "a reader waited for the refresh");
                Assert.Equal(1, await read);
            }
        }
    }

    private static ValueTask<int> Read(
        CachedMethod<int> method, HybridCache cache, FakeTimeProvider time, Func<FakeTimeProvider, CancellationToken, ValueTask<int>> factory)
        => method.TryGetValue(cache, Key, out var hit)
            ? new ValueTask<int>(hit)
            : method.GetOrCreateAsync(cache, Key, time, factory, null, default);
}
