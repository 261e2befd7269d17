using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.MissingDecoratorsAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class MissingDecoratorsAnalyzerTests
{
    private const string Services = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public interface ICatalog { Task<string> GetAsync(int id); }
        public sealed class Catalog : ICatalog { [Cached] public Task<string> GetAsync(int id) => Task.FromResult("p"); }

        public interface IOrders { Task PlaceAsync(int id); }
        public sealed class Orders : IOrders { [InvalidatesCache("product:{id}")] public Task PlaceAsync(int id) => Task.CompletedTask; }

        public interface IClock { DateTime Now { get; } }
        public sealed class Clock : IClock { public DateTime Now => DateTime.UtcNow; }

        """;

    /// <summary>What the generator emits into every assembly that references Cached (not run in these tests).</summary>
    private const string GeneratedDecorators = """

        namespace Microsoft.Extensions.DependencyInjection
        {
            internal static class CachedDecorators
            {
                public static IServiceCollection AddCachedDecorators(this IServiceCollection services) => services;
            }
        }
        """;

    [Fact]
    public async Task A_registration_of_a_cached_service_without_the_decorators_is_reported()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Services + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    {|#0:services.AddScoped<ICatalog, Catalog>()|};
                    services.AddSingleton<IClock, Clock>();
                }
            }
            """ + GeneratedDecorators);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE012", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'Catalog' has [Cached] or [InvalidatesCache] methods and is registered here, but AddCachedDecorators() is never called, so its calls are neither cached nor invalidating; call AddCachedDecorators() after the registrations"));
        await test.RunAsync();
    }

    [Fact]
    public Task Writes_TryAdd_keyed_and_typeof_registrations_are_reported_too() =>
        Verify.VerifyAsync(Services + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    {|CACHE012:services.TryAddTransient<IOrders, Orders>()|};
                    {|CACHE012:services.AddKeyedSingleton<ICatalog, Catalog>("primary")|};
                    {|CACHE012:services.AddScoped(typeof(ICatalog), typeof(Catalog))|};
                    {|CACHE012:services.AddSingleton<Catalog>()|};
                }
            }
            """);

    [Fact]
    public Task A_call_to_AddCachedDecorators_anywhere_in_the_compilation_is_enough() =>
        Verify.VerifyAsync(Services + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddScoped<ICatalog, Catalog>();
            }

            public static class Program
            {
                public static void Main() => Startup.Configure(new ServiceCollection().AddCachedDecorators());
            }
            """ + GeneratedDecorators);

    [Fact]
    public Task Services_without_attributes_need_no_decorators() =>
        Verify.VerifyAsync(Services + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddSingleton<IClock, Clock>();
                    services.AddScoped<IClock>(_ => new Clock());
                }
            }
            """);

    [Fact]
    public Task Methods_named_like_registrations_elsewhere_are_not_registrations() =>
        Verify.VerifyAsync(Services + """
            public sealed class Registry
            {
                public void AddScoped<TService, TImplementation>() { }
                public void Use() => AddScoped<ICatalog, Catalog>();
            }
            """);

    private const string PartialServices = """
        using Microsoft.Extensions.Caching.Hybrid;
        using Microsoft.Extensions.DependencyInjection;

        public interface IPrices { Task<decimal> OfAsync(int id); }

        public sealed partial class Prices(HybridCache cache) : IPrices
        {
            [Cached] public partial Task<decimal> OfAsync(int id);
            private Task<decimal> OfAsyncCore(int id) => Task.FromResult(1m);
            public partial Task<decimal> OfAsync(int id) => OfAsyncCore(id);
        }

        public sealed partial class Stock(HybridCache cache)
        {
            [Cached] public partial Task<int> LevelAsync(int id);
            [InvalidatesCache("stock:{id}")] public partial Task SetAsync(int id, int level);
            private Task<int> LevelAsyncCore(int id) => Task.FromResult(1);
            private Task SetAsyncCore(int id, int level) => Task.CompletedTask;
            public partial Task<int> LevelAsync(int id) => LevelAsyncCore(id);
            public partial Task SetAsync(int id, int level) => SetAsyncCore(id, level);
        }

        public sealed partial class Mixed(HybridCache cache) : IPrices
        {
            [Cached] public Task<decimal> OfAsync(int id) => Task.FromResult(1m);
            [Cached] public partial Task<int> LevelAsync(int id);
            private Task<int> LevelAsyncCore(int id) => Task.FromResult(1);
            public partial Task<int> LevelAsync(int id) => LevelAsyncCore(id);
        }

        """;

    [Fact]
    public Task Services_whose_attributed_methods_are_all_partial_need_no_decorators() =>
        Verify.VerifyAsync(PartialServices + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddScoped<IPrices, Prices>();
                    services.AddSingleton<Stock>();
                    services.AddTransient(sp => new Stock(sp.GetRequiredService<HybridCache>()));
                }
            }
            """);

    [Fact]
    public Task A_service_with_a_non_partial_attributed_method_next_to_partial_ones_still_needs_them() =>
        Verify.VerifyAsync(PartialServices + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    {|CACHE012:services.AddScoped<IPrices, Mixed>()|};
                    services.AddScoped<IPrices, Prices>();
                }
            }
            """);
}
