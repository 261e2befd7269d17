using Cached.Health;
using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cached.Runtime.Tests.Distributed;

[Collection(RedisCollection.Name)]
public sealed class HealthCheckTests(RedisServerFixture redis)
{
    [Fact]
    public async Task L1_only_is_healthy()
        => Assert.Equal(HealthStatus.Healthy, await CheckAsync(TestCache.Create()));

    [Fact]
    public async Task Connected_and_subscribed_is_healthy()
        => Assert.Equal(HealthStatus.Healthy, await CheckAsync(await TestCache.ConnectedAsync(redis.Configuration, TestCache.NewPrefix())));

    [Fact]
    public async Task Redis_down_is_degraded_not_unhealthy()
        => Assert.Equal(HealthStatus.Degraded, await CheckAsync(TestCache.Create(o => o.Redis = $"127.0.0.1:{RedisServerFixture.ClosedPort()}")));

    [Fact]
    public void The_check_is_registered_through_AddHealthChecks()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddCached();
        using var provider = services.BuildServiceProvider();
        var registration = Assert.Single(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("cached", registration.Name);
        Assert.Equal(HealthStatus.Degraded, registration.FailureStatus);
    }

    private static async Task<HealthStatus> CheckAsync(TestCache cache)
    {
        using (cache)
        {
            var check = new CachedHealthCheck(cache.Engine);
            var context = new HealthCheckContext { Registration = new HealthCheckRegistration("cached", check, HealthStatus.Degraded, []) };
            return (await check.CheckHealthAsync(context)).Status;
        }
    }
}
