using System.Collections.Concurrent;
using Cached.Generated;
using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Cached.WriteBehind;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Cached.Runtime.Tests.Strategies;

[Collection(RedisCollection.Name)]
public sealed class WriteBehindTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_call_returns_once_journaled_and_the_flusher_executes_it_then_invalidates_its_tags()
    {
        await using var node = await NodeAsync();
        var hybrid = node.Hybrid;
        await hybrid.GetOrCreateAsync("views|7", _ => new ValueTask<int>(0), tags: ["views:7"]);

        for (var i = 0; i < 10; i++)
        {
            await node.Writes.RecordAsync(new ViewArgs(7, i), default);
        }

        Assert.Empty(node.Views.Applied); // journaled, not executed: no flusher runs yet
        Assert.Equal(10, await node.Db.StreamLengthAsync(node.Journal.Stream));

        await node.Flusher.StartAsync(default);
        await Eventually.HoldsAsync(() => node.Views.Applied.Count == 10, "every journaled call was executed");
        await Eventually.HoldsAsync(() => node.Db.StreamLength(node.Journal.Stream) == 0, "every call was acknowledged");
        Assert.False(node.Engine.TryGet<int>("views|7", out _), "the write's tag was invalidated after the flush");
        Assert.Equal(Enumerable.Range(0, 10), node.Views.Applied.Values.Order());
    }

    [Fact]
    public async Task A_call_that_always_fails_goes_to_the_dead_letter_stream_and_the_rest_flows()
    {
        await using var node = await NodeAsync();
        node.Views.PoisonSequence = 3;
        for (var i = 0; i < 6; i++)
        {
            await node.Writes.RecordAsync(new ViewArgs(1, i), default);
        }

        await node.Flusher.StartAsync(default);
        await Eventually.HoldsAsync(() => node.Db.StreamLength(node.Journal.Stream) == 0, "the journal emptied");

        Assert.Equal([0, 1, 2, 4, 5], node.Views.Applied.Values.Order());
        var dead = Assert.Single(await node.Db.StreamRangeAsync(node.Journal.DeadLetters));
        Assert.Equal("3", dead["attempts"]);
        Assert.Contains("poisoned", (string?)dead["error"]);
        Assert.Equal(3, node.Views.Attempts(3));
    }

    [Fact]
    public async Task A_call_retried_after_its_write_committed_has_its_effect_once_through_the_idempotency_key()
    {
        await using var node = await NodeAsync();
        node.Views.FailAfterCommitOnce = 2;
        for (var i = 0; i < 4; i++)
        {
            await node.Writes.RecordAsync(new ViewArgs(1, i), default);
        }

        await node.Flusher.StartAsync(default);
        await Eventually.HoldsAsync(() => node.Db.StreamLength(node.Journal.Stream) == 0, "the journal emptied");

        Assert.Equal([0, 1, 2, 3], node.Views.Applied.Values.Order());
        Assert.Equal(2, node.Views.Attempts(2));
        Assert.Equal(1, node.Views.DuplicatesSkipped);
    }

    [Fact]
    public async Task A_graceful_stop_drains_the_journal()
    {
        await using var node = await NodeAsync();
        for (var i = 0; i < 50; i++)
        {
            await node.Writes.RecordAsync(new ViewArgs(1, i), default);
        }

        await node.Flusher.StartAsync(default);
        await node.Flusher.StopAsync(default).Within();

        Assert.Equal(50, node.Views.Applied.Count);
        Assert.Equal(0, await node.Db.StreamLengthAsync(node.Journal.Stream));
    }

    [Fact]
    public async Task Calls_left_pending_by_a_dead_flusher_are_taken_over_by_another()
    {
        var prefix = NewPrefix();
        await using var node = await NodeAsync(prefix);
        for (var i = 0; i < 5; i++)
        {
            await node.Writes.RecordAsync(new ViewArgs(1, i), default);
        }

        // A flusher that read the calls and died before executing them: they sit pending under its name.
        await node.Db.StreamCreateConsumerGroupAsync(node.Journal.Stream, WriteBehindJournal.Group, StreamPosition.Beginning);
        var read = await node.Db.StreamReadGroupAsync(node.Journal.Stream, WriteBehindJournal.Group, "dead-node", StreamPosition.NewMessages, 10);
        Assert.Equal(5, read.Length);

        await node.Flusher.StartAsync(default);
        await Eventually.HoldsAsync(() => node.Views.Applied.Count == 5, "the pending calls were taken over and executed");
        await Eventually.HoldsAsync(
            () => node.Db.StreamPending(node.Journal.Stream, WriteBehindJournal.Group).PendingMessageCount == 0, "every taken-over call was acknowledged");
    }

    [Fact]
    public async Task Without_Redis_the_write_runs_inline_with_an_idempotency_key()
    {
        var services = new ServiceCollection();
        services.AddCached(o => o.KeyPrefix = "tests");
        await using var provider = services.BuildServiceProvider();
        var views = new Views();

        await new ViewWrites(views, provider.GetRequiredService<HybridCache>()).RecordAsync(new ViewArgs(1, 42), default);

        Assert.Equal(42, Assert.Single(views.Applied).Value);
        Assert.Equal(32, Assert.Single(views.Applied).Key.Length);
    }

    private async Task<Node> NodeAsync(string? prefix = null)
    {
        var services = new ServiceCollection();
        services.AddCached(o =>
        {
            o.Redis = redis.Configuration;
            o.KeyPrefix = prefix ?? NewPrefix();
            o.L2.Timeout = "5s";
        });
        var views = new Views();
        services.AddSingleton(views);
        services.AddSingleton<ViewWrites>();
        services.AddWriteBehindOperation(ViewWrites.Method);
        services.AddCachedWriteBehind(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
            o.MaxAttempts = 3;
            o.ClaimIdle = TimeSpan.FromMilliseconds(200);
        });
        var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CacheEngine>();
        await Eventually.HoldsAsync(() => engine.L2!.IsConnected && engine.Backplane!.IsSubscribed, "the engine is connected to Redis and subscribed");
        return new Node(provider, views);
    }

    private static string NewPrefix() => "wb" + Guid.NewGuid().ToString("N")[..12];

    private sealed class Node(ServiceProvider provider, Views views) : IAsyncDisposable
    {
        public Views Views { get; } = views;

        public ViewWrites Writes => provider.GetRequiredService<ViewWrites>();

        public CacheEngine Engine => provider.GetRequiredService<CacheEngine>();

        public HybridCache Hybrid => provider.GetRequiredService<HybridCache>();

        public WriteBehindFlusher Flusher => provider.GetRequiredService<WriteBehindFlusher>();

        public WriteBehindJournal Journal => Engine.WriteBehindJournal;

        public IDatabase Db => Engine.L2!.Database!;

        public async ValueTask DisposeAsync()
        {
            await Flusher.StopAsync(default);
            await provider.DisposeAsync();
        }
    }
}

public sealed record ViewArgs(int ProductId, int Sequence);

/// <summary>What the generator emits for a <c>[WriteBehind, InvalidatesCache("views:{args.ProductId}")]</c> method.</summary>
internal sealed class ViewWrites(Views inner, HybridCache cache)
{
    public static readonly WriteBehindMethod<ViewArgs> Method = new(
        "Tests.Views.RecordAsync",
        static (services, args, ct) => new ValueTask(services.GetRequiredService<ViewWrites>().RecordAsync(args, ct)));

    public Task RecordAsync(ViewArgs args, CancellationToken cancellationToken)
        => Method.InvokeAsync(cache, args, this, static (self, a, ct) => self.RunAsync(a, ct), cancellationToken).AsTask();

    /// <summary>The write, then its invalidations (run in the flusher, or inline without Redis).</summary>
    private async ValueTask RunAsync(ViewArgs args, CancellationToken cancellationToken)
    {
        await inner.RecordAsync(args, cancellationToken);
        await cache.RemoveByTagAsync($"views:{args.ProductId}", CancellationToken.None);
    }
}

/// <summary>
/// A write-behind write as a user writes it: records its idempotency key with its effect in one step (here a
/// dictionary; in an application, one database transaction) and skips a key it has seen.
/// </summary>
internal sealed class Views
{
    private readonly ConcurrentDictionary<int, int> _attempts = new();
    private int _duplicatesSkipped;

    public ConcurrentDictionary<string, int> Applied { get; } = new();

    public int PoisonSequence { get; set; } = -1;

    public int FailAfterCommitOnce { get; set; } = -1;

    public int DuplicatesSkipped => Volatile.Read(ref _duplicatesSkipped);

    public int Attempts(int sequence) => _attempts.GetValueOrDefault(sequence);

    public async ValueTask RecordAsync(ViewArgs args, CancellationToken cancellationToken)
    {
        _attempts.AddOrUpdate(args.Sequence, 1, static (_, n) => n + 1);
        if (args.Sequence == PoisonSequence)
        {
            throw new InvalidOperationException($"poisoned call {args.Sequence}");
        }

        var call = WriteBehindCall.Current ?? throw new InvalidOperationException("not run as a write-behind call");
        if (!Applied.TryAdd(call.IdempotencyKey, args.Sequence))
        {
            Interlocked.Increment(ref _duplicatesSkipped);
            return;
        }

        if (args.Sequence == FailAfterCommitOnce && call.Attempt == 1)
        {
            throw new IOException("connection lost after commit");
        }

        await Task.Yield();
    }
}
