using Verify = Cached.Analyzers.CodeFixes.Tests.Verification.PartialModeVerifier<Cached.Analyzers.CodeFixes.PartialMethodCodeFixProvider>;

namespace Cached.Analyzers.CodeFixes.Tests;

public class PartialMethodCodeFixProviderTests
{
    [Fact]
    public Task A_self_called_method_becomes_partial_and_the_primary_constructor_takes_the_cache() =>
        Verify.VerifyFixAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); Task<string> SummaryAsync(int id); }

            public sealed class Catalog(string prefix) : ICatalog
            {
                [Cached(Ttl = "10m", Tags = ["product:{id}"])]
                public Task<string> GetAsync(int id) => Task.FromResult(prefix + id);

                public async Task<string> SummaryAsync(int id) => "summary of " + await {|CACHE011:GetAsync(id)|};
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            public interface ICatalog { Task<string> GetAsync(int id); Task<string> SummaryAsync(int id); }

            public sealed partial class Catalog(string prefix, HybridCache cache) : ICatalog
            {
                [Cached(Ttl = "10m", Tags = ["product:{id}"])]
                public partial Task<string> GetAsync(int id);

                private Task<string> GetAsyncCore(int id) => Task.FromResult(prefix + id);

                public async Task<string> SummaryAsync(int id) => "summary of " + await GetAsync(id);
            }
            """);

    [Fact]
    public Task A_class_without_constructors_gets_a_primary_constructor_and_a_block_body_moves_to_core() =>
        Verify.VerifyFixAsync("""
            using Microsoft.Extensions.Logging;

            public interface IPrices { ValueTask<decimal> OfAsync(int id, CancellationToken ct = default); Task<decimal> TotalAsync(int[] ids); }

            public class Prices : IPrices
            {
                /// <summary>The price of one product.</summary>
                [Cached(Ttl = "1m")]
                public virtual async ValueTask<decimal> OfAsync(int id, CancellationToken ct = default)
                {
                    await Task.Yield();
                    return id * 1.5m;
                }

                public async Task<decimal> TotalAsync(int[] ids)
                {
                    var total = 0m;
                    foreach (var id in ids)
                    {
                        total += await {|CACHE011:((IPrices)this).OfAsync(id)|};
                    }

                    return total;
                }
            }
            """, """
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Caching.Hybrid;

            public interface IPrices { ValueTask<decimal> OfAsync(int id, CancellationToken ct = default); Task<decimal> TotalAsync(int[] ids); }

            public partial class Prices(HybridCache cache) : IPrices
            {
                /// <summary>The price of one product.</summary>
                [Cached(Ttl = "1m")]
                public virtual partial ValueTask<decimal> OfAsync(int id, CancellationToken ct = default);

                private async ValueTask<decimal> OfAsyncCore(int id, CancellationToken ct = default)
                {
                    await Task.Yield();
                    return id * 1.5m;
                }

                public async Task<decimal> TotalAsync(int[] ids)
                {
                    var total = 0m;
                    foreach (var id in ids)
                    {
                        total += await ((IPrices)this).OfAsync(id);
                    }

                    return total;
                }
            }
            """);

    [Fact]
    public Task A_class_with_a_hybrid_cache_keeps_its_members_and_a_nested_class_makes_its_container_partial() =>
        Verify.VerifyFixAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public static class Shop
            {
                public interface ICatalog { Task<string> GetAsync(int id); Task<int> LengthAsync(int id); }

                public sealed class Catalog : ICatalog
                {
                    private readonly HybridCache _cache;

                    public Catalog(HybridCache cache) => _cache = cache;

                    [Cached]
                    public Task<string> GetAsync(int id) => Task.FromResult("p" + id);

                    public Task<int> LengthAsync(int id) => Task.Run(async () => (await {|CACHE011:this.GetAsync(id)|}).Length);
                }
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            public static partial class Shop
            {
                public interface ICatalog { Task<string> GetAsync(int id); Task<int> LengthAsync(int id); }

                public sealed partial class Catalog : ICatalog
                {
                    private readonly HybridCache _cache;

                    public Catalog(HybridCache cache) => _cache = cache;

                    [Cached]
                    public partial Task<string> GetAsync(int id);

                    private Task<string> GetAsyncCore(int id) => Task.FromResult("p" + id);

                    public Task<int> LengthAsync(int id) => Task.Run(async () => (await this.GetAsync(id)).Length);
                }
            }
            """);

    [Fact]
    public Task Constructors_without_a_primary_one_take_a_new_cache_field() =>
        Verify.VerifyFixAsync("""
            public interface IStock { Task<int> LevelAsync(int id); Task<bool> InStockAsync(int id); }

            public sealed class Stock : IStock
            {
                private readonly int _minimum;

                public Stock() : this(1)
                {
                }

                public Stock(int minimum) => _minimum = minimum;

                [Cached]
                public Task<int> LevelAsync(int id) => Task.FromResult(id);

                public async Task<bool> InStockAsync(int id) => await {|CACHE011:LevelAsync(id)|} >= _minimum;
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            public interface IStock { Task<int> LevelAsync(int id); Task<bool> InStockAsync(int id); }

            public sealed partial class Stock : IStock
            {
                private readonly HybridCache _cache;
                private readonly int _minimum;

                public Stock(HybridCache cache) : this(1, cache)
                {
                }

                public Stock(int minimum, HybridCache cache)
                {
                    _minimum = minimum;
                    _cache = cache;
                }

                [Cached]
                public partial Task<int> LevelAsync(int id);

                private Task<int> LevelAsyncCore(int id) => Task.FromResult(id);

                public async Task<bool> InStockAsync(int id) => await LevelAsync(id) >= _minimum;
            }
            """);
}
