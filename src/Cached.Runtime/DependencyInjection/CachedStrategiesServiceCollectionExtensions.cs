using Cached;
using Cached.Generated;
using Cached.Strategies;
using Cached.WriteBehind;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers pre-warming and the write-behind flusher.</summary>
public static class CachedStrategiesServiceCollectionExtensions
{
    /// <summary>
    /// Warms the cache at startup and, with <paramref name="repeatEvery"/>, on a schedule: <paramref name="warm"/> runs
    /// in its own DI scope and reads what should be hot, through the cached services (so the entries get the methods'
    /// keys, TTLs and tags) or through <see cref="CacheEngine"/> for a list of keys. A run that throws is logged.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The warm-up's name in logs.</param>
    /// <param name="warm">The warm-up: a scoped service provider and the host's stopping token.</param>
    /// <param name="repeatEvery">The schedule after the first run; <c>null</c> (the default) runs it once.</param>
    /// <param name="beforeStartup">
    /// <c>true</c>: the host's start waits for the first run (hosted services start in registration order, so traffic
    /// arrives warm when this is registered before the server starts); <c>false</c> (the default): it runs in the background.
    /// </param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCachedWarmup(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, CancellationToken, Task> warm,
        TimeSpan? repeatEvery = null,
        bool beforeStartup = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(warm);
        if (repeatEvery is { } every && every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(repeatEvery), every, $"The schedule of cache warm-up '{name}' must be positive.");
        }

        services.AddSingleton<Hosting.IHostedService>(provider => new CacheWarmup(
            name,
            warm,
            repeatEvery,
            beforeStartup,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<CacheWarmup>()));
        return services;
    }

    /// <summary>
    /// Registers the write-behind flusher (a hosted service) with its options; <c>AddCachedDecorators()</c> calls it
    /// for an application with <see cref="WriteBehindAttribute">[WriteBehind]</see> methods. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="WriteBehindOptions"/>; <c>null</c> keeps the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCachedWriteBehind(this IServiceCollection services, Action<WriteBehindOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WriteBehindOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(static o => o.BatchSize >= 1, "WriteBehindOptions.BatchSize must be at least 1.")
            .Validate(static o => o.MaxAttempts >= 1, "WriteBehindOptions.MaxAttempts must be at least 1.")
            .Validate(static o => o.PollInterval > TimeSpan.Zero, "WriteBehindOptions.PollInterval must be positive.")
            .Validate(static o => o.RetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "WriteBehindOptions.RetryDelay must be at least zero and at most MaxRetryDelay.")
            .Validate(static o => o.ClaimIdle > TimeSpan.Zero, "WriteBehindOptions.ClaimIdle must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<WriteBehindFlusher>();
        services.AddHostedService(static provider => provider.GetRequiredService<WriteBehindFlusher>());
        return services;
    }

    /// <summary>
    /// Registers a write-behind operation, so that the flusher can execute its journaled calls, and the flusher itself.
    /// Generated code calls it for each <see cref="WriteBehindAttribute">[WriteBehind]</see> method.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="operation">The operation (a generated static instance).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddWriteBehindOperation(this IServiceCollection services, WriteBehindOperation operation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(operation);
        if (!services.Any(d => d.ServiceType == typeof(WriteBehindOperation) && ReferenceEquals(d.ImplementationInstance, operation)))
        {
            services.AddSingleton(operation);
        }

        return services.AddCachedWriteBehind();
    }
}
