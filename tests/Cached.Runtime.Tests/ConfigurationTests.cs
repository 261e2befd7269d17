using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cached.Runtime.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("DefaultTtl", "5 min", "Cached:DefaultTtl: \"5 min\" is not a duration; use \"500ms\", \"30s\"")]
    [InlineData("DefaultJitter", "lots", "Cached:DefaultJitter: \"lots\" is not a duration")]
    [InlineData("DefaultTtl", "0s", "Cached:DefaultTtl: \"0s\" must be greater than zero")]
    [InlineData("L2:Timeout", "fast", "Cached:L2:Timeout: \"fast\" is not a duration")]
    [InlineData("L1:MaxEntries", "many", "Cached:L1:MaxEntries: \"many\" is not a whole number")]
    [InlineData("L1:MaxEntries", "0", "Cached:L1:MaxEntries: 0 is not allowed")]
    [InlineData("L2:MaxKeyLength", "long", "Cached:L2:MaxKeyLength: \"long\" is not a whole number")]
    [InlineData("L2:MaxKeyLength", "10", "Cached:L2:MaxKeyLength: 10 is not allowed; use at least 64 characters")]
    [InlineData("L2:MaxPayloadBytes", "1MB", "Cached:L2:MaxPayloadBytes: \"1MB\" is not a whole number")]
    [InlineData("L2:MaxPayloadBytes", "0", "Cached:L2:MaxPayloadBytes: 0 is not allowed; use at least 1024 bytes")]
    [InlineData("Redis", "localhost:6379,nonsense=1", "Cached:Redis: \"localhost:6379,nonsense=1\" is not a StackExchange.Redis configuration string")]
    public void Bad_configuration_fails_at_startup_with_a_message_naming_the_setting(string key, string value, string expected)
    {
        using var provider = Build(new() { [$"Cached:{key}"] = value });

        // What the host runs at startup for ValidateOnStart.
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, ex.Message);

        // Resolving the engine fails the same way.
        var resolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<CacheEngine>());
        Assert.Contains(expected, resolve.Message);
    }

    [Fact]
    public void Messages_name_the_section_the_settings_came_from()
    {
        using var provider = Build(new() { ["Caching:Shop:DefaultTtl"] = "soon" }, "Caching:Shop");
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Caching:Shop:DefaultTtl: \"soon\"", ex.Message);
    }

    [Fact]
    public void Bad_configuration_in_code_fails_at_startup_too()
    {
        var services = new ServiceCollection();
        services.AddCached(o => o.L2.Timeout = "-5s");
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Cached:L2:Timeout", ex.Message);
    }

    [Fact]
    public void Settings_bind_from_the_section()
    {
        using var provider = Build(new()
        {
            ["Cached:KeyPrefix"] = "shop",
            ["Cached:DefaultTtl"] = "10m",
            ["Cached:DefaultJitter"] = "30s",
            ["Cached:L1:MaxEntries"] = "2500",
            ["Cached:L2:Timeout"] = "00:00:01",
            ["Cached:L2:MaxKeyLength"] = "256",
            ["Cached:L2:MaxPayloadBytes"] = "65536",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var settings = provider.GetRequiredService<CacheEngine>().Settings;
        Assert.Equal("shop", settings.KeyPrefix);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.DefaultTtl);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.DefaultJitter);
        Assert.Equal(2500, settings.L1MaxEntries);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.L2Timeout);
        Assert.Equal(256, settings.L2MaxKeyLength);
        Assert.Equal(65536, settings.L2MaxPayloadBytes);
        Assert.False(settings.HasRedis);
    }

    [Fact]
    public void Defaults_apply_to_an_empty_section()
    {
        using var provider = Build(new());
        var settings = provider.GetRequiredService<CacheEngine>().Settings;
        Assert.Equal(TimeSpan.FromMinutes(5), settings.DefaultTtl);
        Assert.Equal(TimeSpan.Zero, settings.DefaultJitter);
        Assert.Equal(100_000, settings.L1MaxEntries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.L2Timeout);
        Assert.Equal(1024, settings.L2MaxKeyLength);
        Assert.Equal(1024 * 1024, settings.L2MaxPayloadBytes);
        Assert.False(string.IsNullOrEmpty(settings.KeyPrefix));
        Assert.Null(provider.GetService<IConnectionMultiplexer>());
    }

    [Fact]
    public void AddCached_replaces_a_previously_registered_HybridCache()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        services.AddCached(_ => { });
        using var provider = services.BuildServiceProvider();

        var hybrid = Assert.IsType<CachedHybridCache>(provider.GetRequiredService<HybridCache>());
        Assert.Same(provider.GetRequiredService<CacheEngine>(), hybrid.Engine);
        Assert.Single(services, d => d.ServiceType == typeof(HybridCache));
    }

    [Fact]
    public void A_registered_TimeProvider_is_kept()
    {
        var services = new ServiceCollection();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddCached(_ => { });
        using var provider = services.BuildServiceProvider();
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> values, string section = "Cached")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddCached(configuration.GetSection(section));
        return services.BuildServiceProvider();
    }
}
