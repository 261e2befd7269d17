using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests.Conformance;

/// <summary>
/// Semantics every <see cref="HybridCache"/> shares, written against the abstract class. Each implementation derives
/// once, registering itself; Microsoft's default (<c>AddHybridCache()</c>) is the reference. An intended difference is
/// overridden in the derived class and documented in docs/architecture.md.
/// </summary>
public abstract class HybridCacheConformance
{
    private static readonly HybridCacheEntryOptions OneMinute = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    /// <summary>Registers the implementation under test; it must use the registered <see cref="TimeProvider"/> for expiry.</summary>
    protected abstract void AddImplementation(IServiceCollection services, FakeTimeProvider time);

    /// <summary>How the test obtains the cache from the container.</summary>
    protected virtual Func<IServiceProvider, HybridCache> Factory => static provider => provider.GetRequiredService<HybridCache>();

    [Fact]
    public async Task Concurrent_misses_of_one_key_run_the_factory_once()
    {
        using var subject = Create();
        var runs = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 50).Select(_ => subject.Cache.GetOrCreateAsync("k", async _ =>
        {
            Interlocked.Increment(ref runs);
            return await release.Task;
        }).AsTask()).ToArray();
        release.SetResult("v");

        Assert.All(await Task.WhenAll(callers).Within(), value => Assert.Equal("v", value));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_and_is_not_cached()
    {
        using var subject = Create();
        await Assert.ThrowsAsync<InvalidOperationException>(() => subject.Cache.GetOrCreateAsync<string>(
            "k", _ => throw new InvalidOperationException("database down")).AsTask().Within());

        Assert.Equal("v", await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("v")));
        Assert.Equal("v", await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("not called")));
    }

    [Fact]
    public async Task A_caller_that_cancels_its_wait_does_not_cancel_the_others()
    {
        using var subject = Create();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factoryCancelled = false;
        async ValueTask<string> Factory(CancellationToken ct)
        {
            started.TrySetResult();
            var value = await release.Task;
            factoryCancelled = ct.IsCancellationRequested;
            return value;
        }

        using var impatient = new CancellationTokenSource();
        var first = subject.Cache.GetOrCreateAsync("k", Factory, cancellationToken: impatient.Token).AsTask();
        await started.Task.Within();
        var second = subject.Cache.GetOrCreateAsync("k", Factory).AsTask();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Within());
        release.SetResult("v");

        Assert.Equal("v", await second.Within());
        Assert.False(factoryCancelled, "the factory's token is not cancelled while another caller waits");
    }

    [Fact]
    public async Task A_value_set_is_returned_without_running_the_factory()
    {
        using var subject = Create();
        await subject.Cache.SetAsync("k", "set");

        Assert.Equal("set", await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("factory")));
    }

    [Fact]
    public async Task A_removed_key_runs_the_factory_again()
    {
        using var subject = Create();
        await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("old"));
        await subject.Cache.GetOrCreateAsync("other", _ => new ValueTask<string>("kept"));

        await subject.Cache.RemoveAsync("k");

        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("new")));
        Assert.Equal("kept", await subject.Cache.GetOrCreateAsync("other", _ => new ValueTask<string>("factory")));
    }

    [Fact]
    public async Task Removing_many_keys_removes_each()
    {
        using var subject = Create();
        await subject.Cache.SetAsync("a", "old");
        await subject.Cache.SetAsync("b", "old");

        await subject.Cache.RemoveAsync(["a", "b"]);

        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("a", _ => new ValueTask<string>("new")));
        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("b", _ => new ValueTask<string>("new")));
    }

    [Fact]
    public async Task Removing_a_tag_invalidates_its_entries_only()
    {
        using var subject = Create();
        await subject.Cache.GetOrCreateAsync("p1", _ => new ValueTask<string>("old"), tags: ["product:1"]);
        await subject.Cache.GetOrCreateAsync("p2", _ => new ValueTask<string>("old"), tags: ["product:2"]);

        await subject.Cache.RemoveByTagAsync("product:1");

        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("p1", _ => new ValueTask<string>("new"), tags: ["product:1"]));
        Assert.Equal("old", await subject.Cache.GetOrCreateAsync("p2", _ => new ValueTask<string>("new"), tags: ["product:2"]));
    }

    [Fact]
    public async Task Removing_the_tag_star_invalidates_everything()
    {
        using var subject = Create();
        await subject.Cache.GetOrCreateAsync("tagged", _ => new ValueTask<string>("old"), tags: ["t"]);
        await subject.Cache.GetOrCreateAsync("untagged", _ => new ValueTask<string>("old"));

        await subject.Cache.RemoveByTagAsync("*");

        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("tagged", _ => new ValueTask<string>("new"), tags: ["t"]));
        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("untagged", _ => new ValueTask<string>("new")));
    }

    [Fact]
    public async Task A_null_value_is_cached_like_any_other()
    {
        using var subject = Create();
        var runs = 0;
        ValueTask<string?> Factory(CancellationToken _)
        {
            runs++;
            return new ValueTask<string?>((string?)null);
        }

        Assert.Null(await subject.Cache.GetOrCreateAsync("k", Factory));
        Assert.Null(await subject.Cache.GetOrCreateAsync("k", Factory));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task An_entry_expires_after_its_expiration()
    {
        using var subject = Create();
        await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("old"), OneMinute);

        subject.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("old", await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("new"), OneMinute));

        subject.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("new", await subject.Cache.GetOrCreateAsync("k", _ => new ValueTask<string>("new"), OneMinute));
    }

    [Fact]
    public async Task Each_caller_gets_its_own_copy_of_a_mutable_value()
    {
        using var subject = Create();
        var first = await subject.Cache.GetOrCreateAsync("basket", _ => new ValueTask<Basket>(new Basket { Items = ["tea"] }));
        first.Items.Add("changed by the first caller");

        var second = await subject.Cache.GetOrCreateAsync("basket", _ => new ValueTask<Basket>(new Basket()));

        Assert.NotSame(first, second);
        Assert.Equal(["tea"], second.Items);
    }

    [Fact]
    public async Task A_value_set_is_stored_as_a_copy_the_callers_later_changes_do_not_reach()
    {
        using var subject = Create();
        var written = new Basket { Items = ["tea"] };
        await subject.Cache.SetAsync("basket", written);
        written.Items.Add("changed after the write");

        var read = await subject.Cache.GetOrCreateAsync("basket", _ => new ValueTask<Basket>(new Basket()));

        Assert.Equal(["tea"], read.Items);
    }

    [Fact]
    public async Task A_sealed_type_marked_immutable_is_shared_between_callers()
    {
        using var subject = Create();
        var first = await subject.Cache.GetOrCreateAsync("label", _ => new ValueTask<Label>(new Label("tea")));
        var second = await subject.Cache.GetOrCreateAsync("label", _ => new ValueTask<Label>(new Label("not called")));

        Assert.Same(first, second);
    }

    private Subject Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        AddImplementation(services, time);
        var provider = services.BuildServiceProvider();
        return new Subject(provider, Factory(provider), time);
    }

    private sealed record Subject(ServiceProvider Provider, HybridCache Cache, FakeTimeProvider Time) : IDisposable
    {
        public void Dispose() => Provider.Dispose();
    }
}
