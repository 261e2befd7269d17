using Microsoft.Extensions.DependencyInjection;

namespace Cached.Generator.Tests;

/// <summary>
/// End to end: a service compiled with the generator, registered with Microsoft's default <c>HybridCache</c> or with
/// Cached's own engine, and wrapped by the generated <c>AddCachedDecorators()</c>.
/// </summary>
public sealed class BehaviourTests
{
    private static readonly LiveService s_live = LiveService.Catalog;

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Cached_read_runs_the_inner_method_once(string cache)
    {
        using var provider = Provider(cache);
        var catalog = Catalog(provider);

        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);
        var second = await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);

        Assert.Equal(1, s_live.Count(provider, "Reads"));
        Assert.Equal(1m, Price(second));
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Different_arguments_are_different_entries(string cache)
    {
        using var provider = Provider(cache);
        var catalog = Catalog(provider);

        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);
        await s_live.Call(catalog, "GetProductAsync", 2, CancellationToken.None);

        Assert.Equal(2, s_live.Count(provider, "Reads"));
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Write_evicts_the_named_method_so_the_next_read_runs_the_inner_method_again(string cache)
    {
        using var provider = Provider(cache);
        var catalog = Catalog(provider);

        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);
        await s_live.Call(catalog, "SetPriceAsync", 1, 5m, CancellationToken.None);
        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);

        Assert.Equal(2, s_live.Count(provider, "Reads"));
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Write_evicts_by_tag(string cache)
    {
        using var provider = Provider(cache);
        var catalog = Catalog(provider);

        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);
        await s_live.Call(catalog, "TouchAsync", 1);
        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);

        Assert.Equal(2, s_live.Count(provider, "Reads"));
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Write_that_throws_evicts_nothing(string cache)
    {
        using var provider = Provider(cache);
        var catalog = Catalog(provider);

        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s_live.Call(catalog, "SetPriceAsync", 1, -1m, CancellationToken.None));
        await s_live.Call(catalog, "GetProductAsync", 1, CancellationToken.None);

        Assert.Equal(1, s_live.Count(provider, "Reads"));
        Assert.Equal(0, s_live.Count(provider, "Writes"));
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Synchronous_read_runs_the_inner_method_once(string cache)
    {
        using var provider = Provider(cache);
        var catalog = Catalog(provider);

        await s_live.Call(catalog, "Price", 7);
        var second = await s_live.Call(catalog, "Price", 7);

        Assert.Equal(1, s_live.Count(provider, "SyncReads"));
        Assert.Equal(1m, second);
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Undecorated_members_reach_the_inner_instance(string cache)
    {
        using var provider = Provider(cache);

        Assert.Equal("live", await s_live.Call(Catalog(provider), "get_Name"));
    }

    [Fact]
    public void L1_hit_allocates_nothing()
    {
        using var provider = Provider(CachedEngine);

        var allocated = (long)s_live.Type("Probe").GetMethod("AllocatedByHits")!.Invoke(null, [Catalog(provider), 1000])!;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task Each_caller_of_a_mutable_result_gets_its_own_copy(string cache)
    {
        using var provider = Provider(cache);

        var seen = await (Task<string>)s_live.Type("Probe").GetMethod("MutableResultAfterCallersChangedIt")!.Invoke(null, [Catalog(provider)])!;

        Assert.Equal("tea", seen);
        Assert.Equal(1, s_live.Count(provider, "Reads"));
    }

    [Fact]
    public async Task An_immutable_result_is_shared_from_L1_not_copied()
    {
        using var provider = Provider(CachedEngine);

        var shared = await (Task<bool>)s_live.Type("Probe").GetMethod("ImmutableResultIsShared")!.Invoke(null, [Catalog(provider)])!;

        Assert.True(shared);
    }

    [Fact]
    public void Registrations_keep_their_lifetime_and_key_and_only_the_decorated_class_is_wrapped()
    {
        var services = new ServiceCollection().AddHybridCache().Services;
        var catalog = s_live.Type("Catalog");
        var other = s_live.Type("OtherCatalog");
        var service = s_live.Type("ICatalog");
        services.AddSingleton(s_live.Type("Calls"));
        services.AddScoped(service, catalog);
        services.AddKeyedSingleton(service, "keyed", catalog);
        services.AddTransient(service, other);
        services.AddSingleton(service, provider => ActivatorCreate(provider, catalog));
        services.AddSingleton(service, provider => ActivatorCreate(provider, other));

        s_live.AddCachedDecorators(services);

        var descriptors = services.Where(d => d.ServiceType == service).ToList();
        Assert.Equal(
            [ServiceLifetime.Scoped, ServiceLifetime.Singleton, ServiceLifetime.Transient, ServiceLifetime.Singleton, ServiceLifetime.Singleton],
            descriptors.Select(d => d.Lifetime));
        Assert.Equal("keyed", descriptors[1].ServiceKey);
        Assert.Same(other, descriptors[2].ImplementationType);

        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var resolved = scope.ServiceProvider.GetServices(service).Select(s => s!.GetType().Name).ToList();
        Assert.Equal(["CatalogCachedDecorator", "OtherCatalog", "CatalogCachedDecorator", "OtherCatalog"], resolved);
        Assert.Equal("CatalogCachedDecorator", scope.ServiceProvider.GetRequiredKeyedService(service, "keyed").GetType().Name);
    }

    [Fact]
    public void Calling_AddCachedDecorators_twice_wraps_each_registration_once()
    {
        var services = new ServiceCollection().AddHybridCache().Services;
        services.AddSingleton(s_live.Type("Calls"));
        services.AddScoped(s_live.Type("ICatalog"), s_live.Type("Catalog"));

        s_live.AddCachedDecorators(services);
        s_live.AddCachedDecorators(services);

        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var decorator = scope.ServiceProvider.GetRequiredService(s_live.Type("ICatalog"));
        var inner = decorator.GetType().GetField("_inner", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(decorator)!;
        Assert.Equal("Catalog", inner.GetType().Name);
    }

    [Fact]
    public void Container_created_instance_is_disposed_with_its_decorator_and_a_registered_instance_is_not()
    {
        var services = new ServiceCollection().AddHybridCache().Services;
        services.AddSingleton(s_live.Type("Calls"));
        services.AddScoped(s_live.Type("ICatalog"), s_live.Type("Catalog"));
        var calls = Activator.CreateInstance(s_live.Type("Calls"))!;
        var registered = Activator.CreateInstance(s_live.Type("Catalog"), calls)!;
        services.AddKeyedSingleton(s_live.Type("ICatalog"), "registered", registered);
        s_live.AddCachedDecorators(services);

        using (var provider = services.BuildServiceProvider())
        {
            using (var scope = provider.CreateScope())
            {
                Catalog(scope.ServiceProvider);
            }

            Assert.Equal(1, s_live.Count(provider, "Disposals"));
            provider.GetRequiredKeyedService(s_live.Type("ICatalog"), "registered");
        }

        Assert.Equal(0, (int)s_live.Type("Calls").GetField("Disposals")!.GetValue(calls)!);
    }

    [Fact]
    public void Resolving_a_decorated_service_without_a_HybridCache_says_to_call_AddCached()
    {
        var services = new ServiceCollection();
        services.AddSingleton(s_live.Type("Calls"));
        services.AddScoped(s_live.Type("ICatalog"), s_live.Type("Catalog"));
        s_live.AddCachedDecorators(services);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService(s_live.Type("ICatalog")));

        Assert.Contains("services.AddCached(", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Microsoft's default HybridCache (the generated code through the public API) and Cached's own engine.</summary>
    public static TheoryData<string> Caches => [MicrosoftHybridCache, CachedEngine];

    private const string MicrosoftHybridCache = "Microsoft's HybridCache";
    private const string CachedEngine = "Cached's engine";

    private static ServiceProvider Provider(string cache)
    {
        var services = new ServiceCollection();
        if (cache == CachedEngine)
        {
            services.AddCached(_ => { });
        }
        else
        {
            services.AddHybridCache();
        }

        services.AddSingleton(s_live.Type("Calls"));
        services.AddSingleton(s_live.Type("ICatalog"), s_live.Type("Catalog"));
        s_live.AddCachedDecorators(services);
        return services.BuildServiceProvider();
    }

    private static object Catalog(IServiceProvider provider)
    {
        var catalog = provider.GetRequiredService(s_live.Type("ICatalog"));
        Assert.Equal("CatalogCachedDecorator", catalog.GetType().Name);
        return catalog;
    }

    private static object ActivatorCreate(IServiceProvider provider, Type type) => ActivatorUtilities.CreateInstance(provider, type);

    private static decimal Price(object? product) => (decimal)product!.GetType().GetProperty("Price")!.GetValue(product)!;
}
