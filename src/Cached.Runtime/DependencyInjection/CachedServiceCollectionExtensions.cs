using Cached;
using Cached.Configuration;
using Cached.L2;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cached: <c>services.AddCached(configuration.GetSection("Cached")).AddCachedDecorators()</c>.</summary>
public static class CachedServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Cached engine with settings bound from <paramref name="section"/> (keys <c>Redis</c>,
    /// <c>KeyPrefix</c>, <c>DefaultTtl</c>, <c>DefaultJitter</c>, <c>L1:MaxEntries</c>, <c>L2:Timeout</c>), validated at
    /// startup. Also registers <see cref="CachedHybridCache"/> as the <see cref="HybridCache"/> service (replacing any
    /// other), <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered, and, when
    /// <c>Redis</c> is set, one <see cref="IConnectionMultiplexer"/> unless one is registered.
    /// </summary>
    /// <remarks>
    /// The multiplexer is created with <c>AbortOnConnectFail=false</c>, in the background: the engine waits for it at
    /// most one second, then serves from L1 and the factories, and uses Redis as soon as it is connected.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, usually <c>configuration.GetSection("Cached")</c>.</param>
    /// <returns><paramref name="services"/>, to chain <c>AddCachedDecorators()</c>.</returns>
    public static IServiceCollection AddCached(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<CachedOptions>().Configure(options => CachedOptionsBinder.Bind(section, options));
        var path = section is IConfigurationSection named ? named.Path : "Cached";
        return AddCore(services, path, hasRedis: !string.IsNullOrWhiteSpace(section["Redis"]));
    }

    /// <summary>
    /// Registers the Cached engine with settings set in code, validated at startup; see
    /// <see cref="AddCached(IServiceCollection, IConfiguration)"/> for what is registered. <paramref name="configure"/>
    /// also runs once at registration, to learn whether <see cref="CachedOptions.Redis"/> is set.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>, to chain <c>AddCachedDecorators()</c>.</returns>
    public static IServiceCollection AddCached(this IServiceCollection services, Action<CachedOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CachedOptions>().Configure(configure);
        var probe = new CachedOptions();
        configure(probe);
        return AddCore(services, "Cached", hasRedis: !string.IsNullOrWhiteSpace(probe.Redis));
    }

    private static IServiceCollection AddCore(IServiceCollection services, string sectionPath, bool hasRedis)
    {
        services.AddOptions<CachedOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CachedOptions>>(new CachedOptionsValidator(sectionPath)));
        services.TryAddSingleton(TimeProvider.System);
        if (hasRedis)
        {
            services.TryAddSingleton<IConnectionMultiplexer>(static provider =>
                RedisConnector.Connect(provider.GetRequiredService<IOptions<CachedOptions>>().Value.Redis!));
        }

        services.TryAddSingleton(static provider =>
        {
            var settings = CachedSettings.From(provider.GetRequiredService<IOptions<CachedOptions>>().Value);
            var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<CacheEngine>();
            var redis = settings.HasRedis
                ? new RedisConnection(provider.GetRequiredService<IConnectionMultiplexer>, settings.RedisWaitAtStartup)
                : null;
            return new CacheEngine(settings, provider.GetRequiredService<TimeProvider>(), logger, redis);
        });
        services.TryAddSingleton(static provider => new CachedHybridCache(provider.GetRequiredService<CacheEngine>()));
        services.RemoveAll<HybridCache>();
        services.AddSingleton<HybridCache>(static provider => provider.GetRequiredService<CachedHybridCache>());
        return services;
    }
}
