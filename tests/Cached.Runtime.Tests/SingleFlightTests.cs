using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Concurrent_misses_run_the_factory_once()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var runs = 0;
        var joined = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            var pending = engine.GetOrCreateAsync("cold", async _ =>
            {
                Interlocked.Increment(ref runs);
                return await release.Task;
            });
            Interlocked.Increment(ref joined);
            return await pending;
        })).ToArray();

        // Every caller has its (pending) result before the factory may finish: all 1,000 missed concurrently.
        await Eventually.HoldsAsync(() => Volatile.Read(ref joined) == 1000, "all callers joined");
        release.SetResult("value");
        var results = await Task.WhenAll(callers).Within();

        Assert.Equal(1, runs);
        Assert.All(results, result => Assert.Equal("value", result));
        Assert.True(engine.TryGet<string>("cold", out var stored));
        Assert.Equal("value", stored);
    }

    [Fact]
    public async Task A_joined_caller_that_cancels_gets_OperationCanceledException_while_the_others_get_the_value()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var runs = 0;
        var factoryToken = CancellationToken.None;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<string> Factory(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            factoryToken = ct;
            return new ValueTask<string>(release.Task);
        }

        var first = engine.GetOrCreateAsync("key", Factory).AsTask();
        using var cancellation = new CancellationTokenSource();
        var cancelled = engine.GetOrCreateAsync("key", Factory, cancellationToken: cancellation.Token).AsTask();
        var other = engine.GetOrCreateAsync("key", Factory).AsTask();

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled).Within();
        Assert.False(factoryToken.IsCancellationRequested, "one waiter's cancellation must not cancel the factory");

        release.SetResult("value");
        Assert.Equal("value", await first.Within());
        Assert.Equal("value", await other.Within());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_factory_is_cancelled_only_when_every_waiter_has_cancelled()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var runs = 0;
        var factoryCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> Factory(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            ct.Register(() => factoryCancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        }

        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var a = engine.GetOrCreateAsync("key", Factory, cancellationToken: first.Token).AsTask();
        var b = engine.GetOrCreateAsync("key", Factory, cancellationToken: second.Token).AsTask();

        first.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a).Within();
        Assert.False(factoryCancelled.Task.IsCompleted);

        second.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b).Within();
        await factoryCancelled.Task.Within();

        // The abandoned flight is gone: the next caller starts a new one.
        var next = await engine.GetOrCreateAsync("key", _ => new ValueTask<string>("fresh")).AsTask().Within();
        Assert.Equal("fresh", next);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_flight_whose_first_caller_cannot_cancel_gives_its_factory_a_token_that_never_fires()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var tokens = new List<CancellationToken>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> Factory(CancellationToken ct)
        {
            tokens.Add(ct);
            return await release.Task;
        }

        var uncancellable = engine.GetOrCreateAsync("key", Factory).AsTask();
        using var leaving = new CancellationTokenSource();
        var joined = engine.GetOrCreateAsync("key", Factory, cancellationToken: leaving.Token).AsTask();
        leaving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joined).Within();
        release.SetResult("v");

        Assert.Equal("v", await uncancellable.Within());
        Assert.False(Assert.Single(tokens).CanBeCanceled, "the first caller never leaves, so nothing may cancel the factory");

        using var cancellable = new CancellationTokenSource();
        await engine.GetOrCreateAsync("other", Factory, cancellationToken: cancellable.Token).AsTask().Within();
        Assert.True(tokens[1].CanBeCanceled);
    }

    [Fact]
    public async Task A_factory_exception_reaches_every_waiter_and_is_not_cached()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var runs = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> Failing(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            throw new InvalidOperationException("database down");
        }

        var callers = Enumerable.Range(0, 10).Select(_ => engine.GetOrCreateAsync("key", Failing).AsTask()).ToArray();
        release.SetResult();
        foreach (var caller in callers)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => caller).Within();
            Assert.Equal("database down", ex.Message);
        }

        Assert.Equal(1, runs);
        Assert.False(engine.TryGet<string>("key", out _));
        Assert.Equal("ok", await engine.GetOrCreateAsync("key", _ => new ValueTask<string>("ok")).AsTask().Within());
    }
}
