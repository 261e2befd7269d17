using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cached.Generator.Tests;

/// <summary>
/// A decorated service registered after <c>AddCachedDecorators()</c> would be served uncached: the host's startup
/// fails with a message naming it, and a second <c>AddCachedDecorators()</c> call fixes it.
/// </summary>
public sealed class RegistrationOrderTests
{
    private static readonly LiveService s_live = LiveService.Catalog;

    [Fact]
    public async Task Startup_fails_naming_a_decorated_service_registered_after_AddCachedDecorators()
    {
        var services = Services();
        s_live.AddCachedDecorators(services);
        services.AddScoped(s_live.Type("ICatalog"), s_live.Type("Catalog"));
        using var provider = services.BuildServiceProvider();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(provider));

        Assert.Contains("Shop.Live.ICatalog", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AddCachedDecorators()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_succeeds_when_every_registration_is_wrapped_however_often_AddCachedDecorators_runs()
    {
        var services = Services();
        s_live.AddCachedDecorators(services);
        services.AddKeyedSingleton(s_live.Type("ICatalog"), "other", s_live.Type("Catalog"));
        s_live.AddCachedDecorators(services);
        using var provider = services.BuildServiceProvider();

        await StartAsync(provider);

        Assert.Single(provider.GetServices<IHostedService>().OfType<Cached.Generated.DecoratorRegistrationCheck>());
        Assert.Equal("CatalogCachedDecorator", provider.GetRequiredKeyedService(s_live.Type("ICatalog"), "other").GetType().Name);
    }

    [Fact]
    public async Task An_undecorated_implementation_registered_late_is_not_a_failure()
    {
        var services = Services();
        s_live.AddCachedDecorators(services);
        services.AddSingleton(s_live.Type("ICatalog"), s_live.Type("OtherCatalog"));
        using var provider = services.BuildServiceProvider();

        await StartAsync(provider);
    }

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddCached(_ => { });
        services.AddSingleton(s_live.Type("Calls"));
        services.AddScoped(s_live.Type("ICatalog"), s_live.Type("Catalog"));
        return services;
    }

    private static async Task StartAsync(IServiceProvider provider)
    {
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}
