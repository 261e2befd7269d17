using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Cached.Runtime.Tests.Support;

/// <summary>A service provider with Cached registered as an application would, and what the tests reach into.</summary>
internal sealed class TestCache : IDisposable
{
    private TestCache(ServiceProvider provider) => Provider = provider;

    public ServiceProvider Provider { get; }

    public CacheEngine Engine => Provider.GetRequiredService<CacheEngine>();

    public HybridCache Hybrid => Provider.GetRequiredService<HybridCache>();

    /// <summary>An engine built by <c>AddCached(options =&gt; ...)</c>; L1 only unless <paramref name="configure"/> sets Redis.</summary>
    public static TestCache Create(Action<CachedOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCached(options =>
        {
            options.KeyPrefix = "tests";
            configure?.Invoke(options);
        });
        return new TestCache(services.BuildServiceProvider());
    }

    /// <summary>
    /// An engine on the Redis at <paramref name="redis"/>, returned once it is connected and its backplane subscription
    /// is confirmed live (until then another node's invalidation could be missed, by design followed by a resync).
    /// </summary>
    public static async Task<TestCache> ConnectedAsync(string redis, string prefix, Action<CachedOptions>? configure = null)
    {
        var cache = Create(o =>
        {
            o.Redis = redis;
            o.KeyPrefix = prefix;
            o.L2.Timeout = "5s"; // generous: the machine may be loaded; timeouts have their own tests
            configure?.Invoke(o);
        });
        await Eventually.HoldsAsync(
            () => cache.Engine.L2!.IsConnected && cache.Engine.Backplane!.IsSubscribed, "the engine is connected to Redis and subscribed");
        return cache;
    }

    /// <summary>A key prefix of its own, so that tests sharing a Redis do not see each other's keys and messages.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose() => Provider.Dispose();
}
