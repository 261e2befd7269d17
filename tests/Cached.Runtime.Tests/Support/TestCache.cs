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

    public void Dispose() => Provider.Dispose();
}
