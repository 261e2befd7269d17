using Cached.Generated;
using Cached.Runtime.Tests.Support;
using Cached.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests.Strategies;

public sealed class StaleWhileRevalidateTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StaleFor = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task After_expiry_100_concurrent_readers_get_the_stale_value_at_once_and_the_factory_runs_once()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = Method("Tests.Swr.Concurrent");
        var source = new GatedSource("v1");
        Assert.Equal("v1", await Read(method, cache.Hybrid, source));

        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        source.Hold("v2");
        var reads = new ValueTask<string>[100];
        await Task.WhenAll(Enumerable.Range(0, reads.Length).Select(i => Task.Run(() => reads[i] = Read(method, cache.Hybrid, source))));

        Assert.All(reads, read => Assert.True(read.IsCompletedSuccessfully, "a reader waited for the factory"));
        Assert.All(reads, read => Assert.Equal("v1", read.Result));
        Assert.Equal(2, source.Runs); // the first fill, then one refresh for all 100 readers

        source.Release();
        await Eventually.HoldsAsync(() => method.TryGetValue(cache.Hybrid, Key, out var value) && value == "v2", "the refresh stored v2");
        Assert.Equal("v2", await Read(method, cache.Hybrid, source));
        Assert.Equal(2, source.Runs);
    }

    [Fact]
    public async Task When_the_factory_throws_readers_get_the_stale_value_until_StaleFor_runs_out_then_the_exception()
    {
        const string name = "Tests.Swr.FailSafe";
        using var failSafe = new CounterRecorder(StrategyMetrics.FailSafeName, name);
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = Method(name);
        var source = new GatedSource("v1");
        await Read(method, cache.Hybrid, source);

        source.Fail(new InvalidOperationException("database down"));
        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        Assert.Equal("v1", await Read(method, cache.Hybrid, source));
        await Eventually.HoldsAsync(() => cache.Engine.Flights.Count == 0, "the refresh ended");

        time.Advance(StaleFor - TimeSpan.FromSeconds(2));
        Assert.Equal("v1", await Read(method, cache.Hybrid, source));
        await Eventually.HoldsAsync(() => failSafe.Total == 2, "both failed refreshes were counted");

        time.Advance(TimeSpan.FromSeconds(2)); // past TTL + StaleFor
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Read(method, cache.Hybrid, source));
        Assert.Equal("database down", error.Message);
    }

    [Fact]
    public async Task A_soft_timeout_returns_the_fresh_value_if_it_comes_in_time_else_the_stale_one_and_the_refresh_finishes()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = Method("Tests.Swr.SoftTimeout", softTimeout: TimeSpan.FromSeconds(1));
        var source = new GatedSource("v1");
        await Read(method, cache.Hybrid, source);

        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        source.Hold("v2");
        var waiting = Read(method, cache.Hybrid, source).AsTask();
        Assert.False(waiting.IsCompleted, "within the soft timeout the reader waits for the refresh");
        source.Release();
        Assert.Equal("v2", await waiting.Within());

        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        source.Hold("v3");
        var timedOut = Read(method, cache.Hybrid, source).AsTask();
        await Eventually.HoldsAsync(() => source.Runs == 3, "the refresh started");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("v2", await timedOut.Within());

        source.Release();
        await Eventually.HoldsAsync(() => method.TryGetValue(cache.Hybrid, Key, out var value) && value == "v3", "the refresh finished in the background");
    }

    [Fact]
    public async Task A_reader_that_cancels_its_wait_for_the_refresh_does_not_cancel_the_refresh()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var options = new CacheEntryOptions { Ttl = Ttl, Jitter = TimeSpan.Zero, StaleFor = TimeSpan.FromHours(1), FactorySoftTimeout = TimeSpan.FromSeconds(10) };
        await cache.Engine.GetOrCreateAsync(Key, _ => new ValueTask<string>("v1"), options);
        time.Advance(Ttl + TimeSpan.FromSeconds(1));

        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var factoryToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> Refresh(CancellationToken ct)
        {
            factoryToken.SetResult(ct);
            return await release.Task;
        }

        using var leaving = new CancellationTokenSource();
        var reader = cache.Engine.GetOrCreateAsync(Key, Refresh, options, cancellationToken: leaving.Token).AsTask();
        var token = await factoryToken.Task.Within();
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader).Within();

        Assert.False(token.IsCancellationRequested, "the refresh must finish for the next readers");
        release.SetResult("v2");
        await Eventually.HoldsAsync(() => cache.Engine.TryGet<string>(Key, out var value) && value == "v2", "the refresh stored its value");
    }

    [Fact]
    public async Task An_entry_invalidated_by_a_tag_is_never_served_stale()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = Method("Tests.Swr.Invalidated");
        var source = new GatedSource("v1");
        await Read(method, cache.Hybrid, source);

        await cache.Hybrid.RemoveByTagAsync("item:1");
        source.Hold("v2");
        var read = Read(method, cache.Hybrid, source).AsTask();
        Assert.False(read.IsCompleted, "the reader waits for the factory: the old value changed");
        source.Release();
        Assert.Equal("v2", await read.Within());
    }

    private const string Key = "Tests.Swr#0|1";

    private static CachedMethod<string> Method(string name, TimeSpan? softTimeout = null)
        => new(name, "Tests.Swr#0", Ttl, null, CacheStrategy.CacheAside) { StaleFor = StaleFor, FactorySoftTimeout = softTimeout };

    /// <summary>What a generated wrapper does: the allocation-free hit, else the miss path.</summary>
    private static ValueTask<string> Read(CachedMethod<string> method, HybridCache cache, GatedSource source)
        => method.TryGetValue(cache, Key, out var hit)
            ? new ValueTask<string>(hit)
            : method.GetOrCreateAsync(cache, Key, source, static (s, ct) => s.LoadAsync(ct), ["item:1"], default);
}
