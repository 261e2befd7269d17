using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

/// <summary>
/// <see cref="CacheEngine.GetOrCreateManyAsync{T}"/> on one node (L1 only): which keys reach the one factory call,
/// how it shares keys with other callers, and the race guard per key. The L2 side is in <c>Redis/ManyKeyL2Scenarios</c>.
/// </summary>
public sealed class ManyKeyReadTests
{
    [Fact]
    public async Task Duplicate_keys_count_once_and_only_the_keys_L1_lacks_reach_one_factory_call()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("a", KeyedSource.RowOf("a"));
        await engine.SetAsync("b", KeyedSource.RowOf("b"));
        var source = new KeyedSource();

        var values = await engine.GetOrCreateManyAsync(["a", "c", "b", "c", "d", "a"], source.GetManyAsync).AsTask().Within();

        Assert.Equal(["a", "b", "c", "d"], values.Keys.Order());
        Assert.All(values, pair => Assert.Equal(KeyedSource.RowOf(pair.Key), pair.Value));
        var batch = Assert.Single(source.Batches);
        Assert.Equal(["c", "d"], batch);
    }

    [Fact]
    public async Task Keys_the_factory_does_not_return_are_absent_and_not_cached()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var source = new KeyedSource { Missing = { "b" } };

        var first = await engine.GetOrCreateManyAsync(["a", "b", "c"], source.GetManyAsync).AsTask().Within();
        var second = await engine.GetOrCreateManyAsync(["a", "b", "c"], source.GetManyAsync).AsTask().Within();

        Assert.Equal(["a", "c"], first.Keys.Order());
        Assert.Equal(["a", "c"], second.Keys.Order());
        Assert.False(engine.TryGet<string>("b", out _));
        Assert.Equal(["b"], source.Batches[1]); // a and c come from L1 the second time; b is asked for again
    }

    [Fact]
    public async Task Entries_get_the_options_ttl_with_jitter_drawn_per_entry()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = TestCache.Create(time: time);
        var engine = cache.Engine;
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i}").ToArray();
        var options = new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(10), Jitter = TimeSpan.FromMinutes(1) };

        await engine.GetOrCreateManyAsync(keys, new KeyedSource().GetManyAsync, options).AsTask().Within();

        var lifetimes = keys.Select(key =>
        {
            Assert.True(engine.L1.TryGet(key, out var entry));
            return TimeSpan.FromTicks(entry.ExpiresAtTicks - time.GetUtcNow().UtcTicks);
        }).ToArray();
        Assert.All(lifetimes, lifetime => Assert.InRange(lifetime, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11)));
        Assert.True(lifetimes.Distinct().Count() > 1, "each entry draws its own jitter");
    }

    [Fact]
    public async Task A_key_a_single_key_caller_is_computing_is_awaited_not_recomputed()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var single = new KeyedSource(held: true);
        var running = engine.GetOrCreateAsync("b", ct => single.GetAsync("b", ct)).AsTask();
        await single.Started.Within();
        var batch = new KeyedSource();

        var many = engine.GetOrCreateManyAsync(["a", "b", "c"], batch.GetManyAsync).AsTask();
        await Eventually.HoldsAsync(() => batch.Batches.Count == 1, "the batch factory ran for the other keys");
        single.Release();
        var values = await many.Within();

        Assert.Equal(["a", "c"], batch.Batches[0]);
        Assert.Equal(KeyedSource.RowOf("b"), values["b"]);
        Assert.Equal(1, single.Reads("b"));
        Assert.Equal(KeyedSource.RowOf("b"), await running.Within());
    }

    [Fact]
    public async Task Single_key_callers_of_a_key_the_batch_computes_join_it()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var batch = new KeyedSource(held: true);
        var many = engine.GetOrCreateManyAsync(["a", "b", "c"], batch.GetManyAsync).AsTask();
        await batch.Started.Within();
        var single = new KeyedSource();

        var joined = engine.GetOrCreateAsync("b", ct => single.GetAsync("b", ct)).AsTask();
        batch.Release();

        Assert.Equal(KeyedSource.RowOf("b"), await joined.Within());
        Assert.Equal(3, (await many.Within()).Count);
        Assert.Equal(0, single.Reads("b"));
    }

    [Fact]
    public async Task A_single_key_caller_that_joined_a_batch_without_its_key_runs_its_own_factory()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var batch = new KeyedSource(held: true) { Missing = { "b" } };
        var many = engine.GetOrCreateManyAsync(["a", "b"], batch.GetManyAsync).AsTask();
        await batch.Started.Within();
        var single = new KeyedSource();

        var joined = engine.GetOrCreateAsync("b", ct => single.GetAsync("b", ct)).AsTask();
        batch.Release();

        Assert.Equal(["a"], (await many.Within()).Keys);
        Assert.Equal(KeyedSource.RowOf("b"), await joined.Within());
        Assert.Equal(1, single.Reads("b"));
        Assert.True(engine.TryGet<string>("b", out _), "the single-key caller's value is stored");
    }

    [Fact]
    public async Task A_stale_reader_that_joined_a_batch_without_its_key_is_served_the_stale_value()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = TestCache.Create(time: time);
        var engine = cache.Engine;
        var swr = new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(1), StaleFor = TimeSpan.FromHours(1), FactorySoftTimeout = TimeSpan.FromMinutes(1) };
        await engine.GetOrCreateAsync("b", _ => new ValueTask<string>("stale row"), swr).AsTask().Within();
        time.Advance(TimeSpan.FromMinutes(2));
        var batch = new KeyedSource(held: true) { Missing = { "b" } };
        var many = engine.GetOrCreateManyAsync(["a", "b"], batch.GetManyAsync).AsTask();
        await batch.Started.Within();

        // It waits for the refresh it joined (the soft timeout is on the fake clock), which ends without a value.
        var stale = engine.GetOrCreateAsync("b", _ => new ValueTask<string>("unused"), swr).AsTask();
        batch.Release();

        Assert.Equal(["a"], (await many.Within()).Keys);
        Assert.Equal("stale row", await stale.Within());
    }

    [Fact]
    public async Task Concurrent_single_key_and_many_key_callers_of_overlapping_keys_run_each_key_once()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var batches = new KeyedSource(held: true);
        var singles = new KeyedSource(held: true);
        var all = Enumerable.Range(0, 30).Select(i => $"k{i}").ToArray();
        var callers = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            var keys = Enumerable.Range(i * 3, 8).Select(k => all[k % all.Length]).ToArray();
            var key = all[i];
            callers.Add(Task.Run(async () =>
            {
                var values = await engine.GetOrCreateManyAsync(keys, batches.GetManyAsync);
                Assert.All(keys, k => Assert.Equal(KeyedSource.RowOf(k), values[k]));
            }));
            callers.Add(Task.Run(async () => Assert.Equal(KeyedSource.RowOf(key), await engine.GetOrCreateAsync(key, ct => singles.GetAsync(key, ct)))));
        }

        // Every key has its one flight before any factory may finish: every later caller joins it or finds L1.
        await Eventually.HoldsAsync(() => engine.Flights.Count == all.Length, "every key is being computed");
        batches.Release();
        singles.Release();
        await Task.WhenAll(callers).Within();

        Assert.All(all, key => Assert.Equal(1, batches.Reads(key) + singles.Reads(key)));
        Assert.Equal(0, engine.Flights.Count);
    }

    [Fact]
    public async Task A_key_removed_while_the_batch_factory_runs_is_not_stored_and_the_others_are()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var source = new KeyedSource(held: true);
        var many = engine.GetOrCreateManyAsync(["a", "b", "c"], source.GetManyAsync, tags: ["catalog"]).AsTask();
        await source.Started.Within();

        await engine.RemoveAsync("b"); // the writer's invalidation while the batch reads old rows
        source.Release();

        Assert.Equal(3, (await many.Within()).Count); // the caller still gets every value
        Assert.True(engine.TryGet<string>("a", out _));
        Assert.False(engine.TryGet<string>("b", out _), "b's old row must not be stored");
        Assert.True(engine.TryGet<string>("c", out _));
    }

    [Fact]
    public async Task A_tag_invalidated_while_the_batch_factory_runs_stops_the_stores_of_its_entries_only()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var tagged = new KeyedSource(held: true);
        var other = new KeyedSource(held: true);
        var invalidated = engine.GetOrCreateManyAsync(["a", "b"], tagged.GetManyAsync, tags: ["catalog"]).AsTask();
        var untouched = engine.GetOrCreateManyAsync(["c", "d"], other.GetManyAsync, tags: ["reviews"]).AsTask();
        await tagged.Started.Within();
        await other.Started.Within();

        await engine.RemoveByTagAsync("catalog");
        tagged.Release();
        other.Release();
        await invalidated.Within();
        await untouched.Within();

        Assert.False(engine.TryGet<string>("a", out _));
        Assert.False(engine.TryGet<string>("b", out _));
        Assert.True(engine.TryGet<string>("c", out _));
        Assert.True(engine.TryGet<string>("d", out _));
    }

    [Fact]
    public async Task A_value_set_while_the_batch_factory_runs_is_not_overwritten()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var source = new KeyedSource(held: true);
        var many = engine.GetOrCreateManyAsync(["a", "b"], source.GetManyAsync).AsTask();
        await source.Started.Within();

        await engine.SetAsync("b", "written through");
        source.Release();
        await many.Within();

        Assert.True(engine.TryGet<string>("b", out var stored));
        Assert.Equal("written through", stored);
    }

    [Fact]
    public async Task The_factory_token_is_cancelled_only_when_every_caller_of_its_keys_left()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var source = new KeyedSource(held: true);
        using var manyCaller = new CancellationTokenSource();
        using var singleCaller = new CancellationTokenSource();
        var many = engine.GetOrCreateManyAsync(["a", "b"], source.GetManyAsync, cancellationToken: manyCaller.Token).AsTask();
        await source.Started.Within();
        var joined = engine.GetOrCreateAsync("b", ct => new ValueTask<string>("unused"), cancellationToken: singleCaller.Token).AsTask();

        manyCaller.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => many.Within());
        Assert.False(source.LastBatchToken.IsCancellationRequested, "a single-key caller still waits for b");

        singleCaller.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joined.Within());
        Assert.True(source.LastBatchToken.IsCancellationRequested, "nobody waits any more");
        await Eventually.HoldsAsync(() => engine.Flights.Count == 0, "the abandoned flights are gone");
    }

    [Fact]
    public async Task A_failing_factory_fails_the_call_and_its_joiners_and_stores_nothing()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var source = new KeyedSource(held: true) { Failure = new InvalidOperationException("database down") };
        var many = engine.GetOrCreateManyAsync(["a", "b"], source.GetManyAsync).AsTask();
        await source.Started.Within();
        var joined = engine.GetOrCreateAsync("b", _ => new ValueTask<string>("unused")).AsTask();

        source.Release();

        Assert.Equal("database down", (await Assert.ThrowsAsync<InvalidOperationException>(() => many.Within())).Message);
        Assert.Equal("database down", (await Assert.ThrowsAsync<InvalidOperationException>(() => joined.Within())).Message);
        Assert.False(engine.TryGet<string>("a", out _));
    }

    [Fact]
    public async Task Per_key_strategies_and_null_keys_are_refused()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var source = new KeyedSource();

        var stale = await Assert.ThrowsAsync<ArgumentException>(
            () => engine.GetOrCreateManyAsync(["a"], source.GetManyAsync, new CacheEntryOptions { StaleFor = TimeSpan.FromMinutes(1) }).AsTask());
        var locked = await Assert.ThrowsAsync<ArgumentException>(
            () => engine.GetOrCreateManyAsync(["a"], source.GetManyAsync, new CacheEntryOptions { DistributedLock = true }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => engine.GetOrCreateManyAsync(["a", null!], source.GetManyAsync).AsTask());

        Assert.Contains("StaleFor", stale.Message, StringComparison.Ordinal);
        Assert.Contains("DistributedLock", locked.Message, StringComparison.Ordinal);
        Assert.Empty(source.Batches);
    }
}
