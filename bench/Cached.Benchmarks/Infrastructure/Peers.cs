using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Cached.Benchmarks.Infrastructure;

/// <summary>
/// The three caches compared, each configured as its documentation suggests, with the same Redis (when given) and the
/// same L1 bound (when given): Cached, Microsoft's default <see cref="HybridCache"/> (<c>AddHybridCache()</c>, over
/// <c>AddStackExchangeRedisCache</c> for L2) and FusionCache (over the same <c>RedisCache</c>, System.Text.Json).
/// </summary>
public sealed class Peers : IDisposable
{
    /// <summary>Entries live an hour: no benchmark sees one expire.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    private readonly ServiceProvider _cachedProvider;
    private readonly ServiceProvider _hybridProvider;

    /// <param name="redis">A Redis configuration string; <c>null</c> for L1 only.</param>
    /// <param name="maxEntries">The L1 bound in entries; <c>null</c> for each cache's default.</param>
    /// <param name="hybridEntrySize">
    /// What HybridCache counts per entry against its bound: it sizes an L1 entry by its serialized length.
    /// </param>
    public Peers(string? redis = null, int? maxEntries = null, int hybridEntrySize = 1)
    {
        _cachedProvider = CreateCached(redis, maxEntries ?? 100_000);
        Cached = _cachedProvider.GetRequiredService<HybridCache>();
        Engine = _cachedProvider.GetRequiredService<CacheEngine>();
        _hybridProvider = CreateHybrid(redis, maxEntries * (long)hybridEntrySize);
        Hybrid = _hybridProvider.GetRequiredService<HybridCache>();
        Fusion = CreateFusion(redis, maxEntries);
    }

    /// <summary>Cached, through its <see cref="HybridCache"/>.</summary>
    public HybridCache Cached { get; }

    /// <summary>Cached's engine, for what only it offers.</summary>
    public CacheEngine Engine { get; }

    /// <summary>Microsoft's default <see cref="HybridCache"/>.</summary>
    public HybridCache Hybrid { get; }

    /// <summary>FusionCache.</summary>
    public FusionCache Fusion { get; }

    public void Dispose()
    {
        Fusion.Dispose();
        _cachedProvider.Dispose();
        _hybridProvider.Dispose();
    }

    private static ServiceProvider CreateCached(string? redis, int maxEntries) =>
        new ServiceCollection()
            .AddCached(options =>
            {
                options.Redis = redis;
                options.KeyPrefix = "bench";
                options.DefaultTtl = "1h";
                options.L1.MaxEntries = maxEntries;
                options.L2.Timeout = "2s"; // a loaded machine must not turn reads into timeouts
            })
            .BuildServiceProvider();

    /// <summary>
    /// Microsoft's default <see cref="HybridCache"/>; with <paramref name="sizeLimit"/>, its <see cref="IMemoryCache"/>
    /// is bounded (<see cref="MemoryCacheOptions.SizeLimit"/>, in the units HybridCache gives its entries).
    /// </summary>
    private static ServiceProvider CreateHybrid(string? redis, long? sizeLimit)
    {
        var services = new ServiceCollection();
        if (sizeLimit is { } limit)
        {
            services.AddMemoryCache(options => options.SizeLimit = limit);
        }

        if (redis is not null)
        {
            services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "bench-hybrid:";
            });
        }

        services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = Ttl, LocalCacheExpiration = Ttl };
            options.MaximumKeyLength = 4096;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>FusionCache; with <paramref name="sizeLimit"/>, its memory cache holds that many entries of size 1.</summary>
    private static FusionCache CreateFusion(string? redis, long? sizeLimit)
    {
        var entryOptions = new FusionCacheEntryOptions { Duration = Ttl };
        MemoryCache? memory = null;
        if (sizeLimit is { } limit)
        {
            memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = limit });
            entryOptions.Size = 1;
        }

        var fusion = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = entryOptions }, memory);
        if (redis is not null)
        {
            fusion.SetupDistributedCache(
                new RedisCache(new RedisCacheOptions { Configuration = redis, InstanceName = "bench-fusion:" }),
                new FusionCacheSystemTextJsonSerializer());
        }

        return fusion;
    }
}
