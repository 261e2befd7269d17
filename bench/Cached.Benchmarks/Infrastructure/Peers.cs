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
public static class Peers
{
    /// <summary>Entries live an hour: no benchmark sees one expire.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    /// <summary>Cached's engine behind its <see cref="HybridCache"/>; <paramref name="maxEntries"/> is <c>L1:MaxEntries</c>.</summary>
    public static ServiceProvider Cached(string? redis = null, int maxEntries = 100_000) =>
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
    public static ServiceProvider Hybrid(string? redis = null, long? sizeLimit = null)
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
    public static FusionCache Fusion(string? redis = null, long? sizeLimit = null)
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
