using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>
/// The read/invalidate race across nodes: a reader on node R loads the old row, a writer on node W updates it and
/// invalidates (a tag, or the key), then the reader's factory returns the old row. Nothing old may survive: not in
/// R's L1 once W's message arrived, not in L2 for any other node.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class CrossNodeRaceTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Iterations = 10_000;
    private const int Lanes = 4;

    [Fact]
    public async Task A_factory_that_began_before_another_nodes_invalidation_never_leaves_a_stale_store()
    {
        var prefix = TestCache.NewPrefix();
        using var reader = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        using var writer = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        using var observer = await TestCache.ConnectedAsync(redis.Configuration, prefix);

        await Task.WhenAll(Enumerable.Range(0, Lanes).Select(lane => Task.Run(async () =>
        {
            for (var i = lane; i < Iterations; i += Lanes)
            {
                await RaceAsync(reader.Engine, writer.Engine, i);
            }
        }))).Within(150);

        // Every invalidation was published (awaited); wait until the reader applied them all, then look for "old".
        await Eventually.HoldsAsync(() => reader.Engine.MessagesApplied >= Iterations, "the reader applied every invalidation");
        var staleInL1 = 0;
        var staleInL2 = 0;
        for (var i = 0; i < Iterations; i++)
        {
            if (reader.Engine.TryGet<string>(Key(i), out var local) && local == "old")
            {
                staleInL1++;
            }

            var shared = await observer.Engine.GetOrCreateAsync(Key(i), _ => new ValueTask<string>("new"), tags: Tags(i));
            if (shared == "old")
            {
                staleInL2++;
            }
        }

        output.WriteLine($"{Iterations} races (half tag invalidations, half key removals): {staleInL1} stale stores in the reader's L1, {staleInL2} in L2");
        Assert.Equal(0, staleInL1);
        Assert.Equal(0, staleInL2);
    }

    private static async Task RaceAsync(CacheEngine reader, CacheEngine writer, int i)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = reader.GetOrCreateAsync(Key(i), async _ =>
        {
            started.SetResult();
            await finish.Task;
            return "old"; // loaded before the write
        }, tags: Tags(i)).AsTask();
        await started.Task.Within();

        if (i % 2 == 0)
        {
            await writer.RemoveByTagAsync(Tags(i)[0]);
        }
        else
        {
            await writer.RemoveAsync(Key(i));
        }

        finish.SetResult();
        Assert.Equal("old", await read.Within()); // its own caller still gets what it loaded
    }

    private static string Key(int i) => $"race|{i}";

    private static string[] Tags(int i) => [$"race:{i}"];
}
