using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace Cached.Benchmarks.Infrastructure;

/// <summary>
/// A suite of reads served by Redis: a real <c>redis-server</c> started for the run (<see cref="StartAsync"/>, from the
/// suite's global setup) and killed in the global cleanup, the three <see cref="Peers"/> on it, a raw connection for the
/// floor row, and the probe columns <c>Redis cmds/op</c> and <c>Factory runs/op</c> (factories call
/// <see cref="CountFactoryRun"/>).
/// </summary>
public abstract class RedisPeersSuite : IProbedBenchmark
{
    /// <summary>Skips L1 on read and write, so that every call goes to L2 (HybridCache, and Cached through it).</summary>
    protected static readonly HybridCacheEntryOptions HybridL2Only = new()
    {
        Expiration = Peers.Ttl,
        Flags = HybridCacheEntryFlags.DisableLocalCache,
    };

    /// <summary>Skips FusionCache's memory cache on read and write.</summary>
    protected static readonly FusionCacheEntryOptions FusionL2Only = new()
    {
        Duration = Peers.Ttl,
        SkipMemoryCacheRead = true,
        SkipMemoryCacheWrite = true,
    };

    private ConnectionMultiplexer _raw = null!;
    private long _factoryRuns;
    private long _commandsAtStart;
    private long _factoryRunsAtStart;

    protected RedisServer Redis { get; private set; } = null!;

    /// <summary>A plain StackExchange.Redis connection to the same server, for the floor.</summary>
    protected IDatabase RawDb { get; private set; } = null!;

    protected Peers Peers { get; private set; } = null!;

    [GlobalCleanup]
    public void Cleanup()
    {
        Peers.Dispose();
        _raw.Dispose();
        Redis.Dispose();
    }

    public void BeginProbe()
    {
        _commandsAtStart = Redis.CommandsExecuted();
        _factoryRunsAtStart = Interlocked.Read(ref _factoryRuns);
    }

    public IReadOnlyDictionary<string, string> EndProbe(int invocations) => new Dictionary<string, string>
    {
        ["Redis cmds/op"] = ProbeColumn.Format((double)(Redis.CommandsExecuted() - _commandsAtStart) / invocations),
        ["Factory runs/op"] = ProbeColumn.Format((double)(Interlocked.Read(ref _factoryRuns) - _factoryRunsAtStart) / invocations),
    };

    /// <summary>Starts the server, the raw connection and the peers.</summary>
    protected async Task StartAsync()
    {
        Redis = RedisServer.Start();
        _raw = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        RawDb = _raw.GetDatabase();
        Peers = new Peers(Redis.Configuration);
    }

    protected void CountFactoryRun() => Interlocked.Increment(ref _factoryRuns);
}
