using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

/// <summary>
/// The classic race: a reader loads the old row, a writer updates it and invalidates, then the reader stores the old
/// row. A factory that began before an invalidation of its key or of one of its tags must not store its result.
/// </summary>
public sealed class RaceGuardTests
{
    [Fact]
    public async Task A_factory_that_began_before_a_tag_invalidation_does_not_store()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var reader = SlowReader.Start(engine, "product:1", tags: ["product:1"]);
        await reader.Started.Within();

        await engine.RemoveByTagAsync("product:1");   // the writer's invalidation, while the reader runs
        reader.Finish("old row");

        Assert.Equal("old row", await reader.Result.Within()); // its caller still gets it
        Assert.False(engine.TryGet<string>("product:1", out _), "the old row must not be stored");
        Assert.Equal("new row", await engine.GetOrCreateAsync("product:1", _ => new ValueTask<string>("new row"), tags: ["product:1"]));
    }

    [Fact]
    public async Task A_factory_that_began_before_its_key_was_removed_does_not_store()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var reader = SlowReader.Start(engine, "product:1", tags: null);
        await reader.Started.Within();

        await engine.RemoveAsync("product:1");
        reader.Finish("old row");

        Assert.Equal("old row", await reader.Result.Within());
        Assert.False(engine.TryGet<string>("product:1", out _), "the old row must not be stored");
    }

    [Fact]
    public async Task A_value_set_while_a_factory_runs_is_not_overwritten_by_the_factory()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var reader = SlowReader.Start(engine, "profile:7", tags: null);
        await reader.Started.Within();

        await engine.SetAsync("profile:7", "written through");
        reader.Finish("read before the write");

        await reader.Result.Within();
        Assert.True(engine.TryGet<string>("profile:7", out var stored));
        Assert.Equal("written through", stored);
    }

    [Fact]
    public async Task An_invalidation_of_another_tag_does_not_stop_the_store()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        var reader = SlowReader.Start(engine, "product:1", tags: ["product:1"]);
        await reader.Started.Within();

        await engine.RemoveByTagAsync("product:2");
        await engine.RemoveAsync("product:2");
        reader.Finish("row");

        await reader.Result.Within();
        Assert.True(engine.TryGet<string>("product:1", out var stored));
        Assert.Equal("row", stored);
    }

    /// <summary>A cache read whose factory signals when it started and finishes when told.</summary>
    private sealed class SlowReader
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string> _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public Task<string> Result { get; private set; } = null!;

        public static SlowReader Start(CacheEngine engine, string key, string[]? tags)
        {
            var reader = new SlowReader();
            reader.Result = engine.GetOrCreateAsync(key, async _ =>
            {
                reader._started.SetResult();
                return await reader._finish.Task;
            }, tags: tags).AsTask();
            return reader;
        }

        public void Finish(string value) => _finish.SetResult(value);
    }
}
