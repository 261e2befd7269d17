using Cached.Generated;
using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests.Strategies;

public sealed class NegativeCachingTests
{
    private const string Key = "Tests.Negative#0|404";

    [Fact]
    public async Task A_missing_id_queried_1000_times_runs_the_factory_once_within_NullTtl()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = new CachedMethod<string?>("Tests.Negative.Cached", "Tests.Negative#0", TimeSpan.FromMinutes(10), null, CacheStrategy.CacheAside)
        {
            CacheNull = true,
            NullTtl = TimeSpan.FromSeconds(30),
        };
        var runs = 0;
        ValueTask<string?> Missing(int _, CancellationToken __)
        {
            Interlocked.Increment(ref runs);
            return new ValueTask<string?>((string?)null);
        }

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            var value = method.TryGetValue(cache.Hybrid, Key, out var hit) ? hit : await method.GetOrCreateAsync(cache.Hybrid, Key, 404, Missing, null, default);
            Assert.Null(value);
        })));
        Assert.Equal(1, runs);

        Assert.True(cache.Engine.L1.TryGet(Key, out var entry));
        Assert.Equal(TimeSpan.FromSeconds(30), TimeSpan.FromTicks(entry.ExpiresAtTicks - time.GetUtcNow().UtcTicks));

        time.Advance(TimeSpan.FromSeconds(31));
        await method.GetOrCreateAsync(cache.Hybrid, Key, 404, Missing, null, default);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Without_CacheNull_a_null_result_is_returned_but_not_stored()
    {
        using var cache = TestCache.Create();
        var method = new CachedMethod<string?>("Tests.Negative.Default", "Tests.Negative#0", TimeSpan.FromMinutes(10), null, CacheStrategy.CacheAside);
        var runs = 0;
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await method.GetOrCreateAsync(cache.Hybrid, Key, 404, (_, _) => { runs++; return new ValueTask<string?>((string?)null); }, null, default));
        }

        Assert.Equal(3, runs);
        Assert.False(cache.Engine.L1.TryGet(Key, out _));
    }

    [Fact]
    public async Task Write_through_of_a_null_without_CacheNull_evicts_the_entry()
    {
        using var cache = TestCache.Create();
        var method = new CachedMethod<string?>("Tests.Negative.WriteThrough", "Tests.Negative#0", TimeSpan.FromMinutes(10), null, CacheStrategy.WriteThrough);
        await method.SetAsync(cache.Hybrid, Key, "present", null, default);
        Assert.True(method.TryGetValue(cache.Hybrid, Key, out _));

        await method.SetAsync(cache.Hybrid, Key, null, null, default);
        Assert.False(cache.Engine.L1.TryGet(Key, out _));
    }
}
