namespace Cached.Generator.Tests;

/// <summary>The services the tests feed the generator.</summary>
internal static class Inputs
{
    /// <summary>The catalog of DESIGN.md: cached reads with tags, a write that invalidates tags and a cached method's key.</summary>
    public const string Catalog = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop;

        public sealed record Product(int Id, string Name, string Category, decimal Price);

        public interface ICatalog
        {
            Task<Product?> GetProductAsync(int id, CancellationToken ct = default);

            Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default);

            Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default);

            Task<int> CountAsync(CancellationToken ct = default);

            string Name { get; }
        }

        public sealed class Catalog : ICatalog
        {
            [Cached(Ttl = "10m", Jitter = "1m", Strategy = CacheStrategy.WriteThrough, Tags = ["product:{id}"])]
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) =>
                Task.FromResult<Product?>(new Product(id, "Tea", "drinks", 3m));

            [Cached(Ttl = "1m", Tags = ["category:{category}"])]
            public Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default) =>
                Task.FromResult<IReadOnlyList<Product>>([]);

            [InvalidatesCache("product:{id}", "category:{result.Category}", Methods = [nameof(GetProductAsync)])]
            public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) =>
                Task.FromResult(new Product(id, "Tea", "drinks", price));

            public Task<int> CountAsync(CancellationToken ct = default) => Task.FromResult(1);

            public string Name => "catalog";
        }
        """;

    /// <summary>Attributes on the interface: every implementation is decorated.</summary>
    public const string AttributesOnTheInterface = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Reviews;

        public sealed class Review
        {
            public int ProductId { get; set; }
            public string Text { get; set; } = "";
        }

        public interface IReviews
        {
            [Cached(Ttl = "30s", Tags = ["reviews:{productId}"])]
            Task<Review[]> ForProductAsync(int productId, CancellationToken cancellationToken);

            [InvalidatesCache("reviews:{review.ProductId}", Methods = [nameof(ForProductAsync)])]
            Task AddAsync(int productId, Review review, CancellationToken cancellationToken);
        }
        """;

    /// <summary>ValueTask and synchronous results, and synchronous writes.</summary>
    public const string ValueTaskAndSynchronous = """
        using System;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Pricing;

        public enum Currency : byte { Euro, Dollar }

        public interface IPrices
        {
            ValueTask<decimal> PriceAsync(Guid sku, Currency currency, DateOnly? day);

            decimal Price(string sku, bool withTax);

            void Reset(string sku);

            decimal SetPrice(string sku, bool withTax, decimal price);
        }

        public sealed class Prices : IPrices
        {
            [Cached(Ttl = "00:05:00", Key = "price:{sku}:{currency}")]
            public ValueTask<decimal> PriceAsync(Guid sku, Currency currency, DateOnly? day) => new(1m);

            [Cached(Ttl = "500ms", Tags = ["price:{sku}"])]
            public decimal Price(string sku, bool withTax) => withTax ? 1.2m : 1m;

            [InvalidatesCache("price:{sku}")]
            public void Reset(string sku) { }

            [InvalidatesCache(Methods = [nameof(Price)])]
            public decimal SetPrice(string sku, bool withTax, decimal price) => price;
        }
        """;

    /// <summary>Every kind of member an interface can have, all forwarded.</summary>
    public const string ForwardedMembers = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Stock;

        public interface IStockBase
        {
            Task<int> LevelAsync(string sku);
        }

        public interface IStock : IStockBase
        {
            string Warehouse { get; set; }

            int this[string sku] { get; }

            event EventHandler? Changed;

            bool TryReserve(string sku, int quantity, [NotNullWhen(true)] out string? reservation);

            T? Find<T>(string sku) where T : class;

            IReadOnlyList<T> All<T>();

            void Adjust(string sku, ref int delta, params string[] reasons);
        }

        public sealed class Stock : IStock
        {
            public string Warehouse { get; set; } = "main";

            public int this[string sku] => 0;

            public event EventHandler? Changed;

            [Cached(Ttl = "5s")]
            public Task<int> LevelAsync(string sku) => Task.FromResult(Changed is null ? 1 : 2);

            public bool TryReserve(string sku, int quantity, [NotNullWhen(true)] out string? reservation)
            {
                reservation = null;
                return false;
            }

            public T? Find<T>(string sku) where T : class => null;

            public IReadOnlyList<T> All<T>() => [];

            public void Adjust(string sku, ref int delta, params string[] reasons) { }
        }
        """;

    /// <summary>Parameters that stay out of the key.</summary>
    public const string ExcludedParameters = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Search;

        public sealed class SearchOptions
        {
            public int Page { get; set; }
        }

        public sealed class Tracing { }

        public interface ISearch
        {
            Task<string[]> FindAsync(string text, SearchOptions? options, Tracing tracing, CancellationToken cancellationToken);
        }

        public sealed class Search : ISearch
        {
            [Cached(Key = "{text}:{options.Page}")]
            public Task<string[]> FindAsync(string text, SearchOptions? options, [NotCacheKey] Tracing tracing, CancellationToken cancellationToken) =>
                Task.FromResult(new[] { text });
        }
        """;

    /// <summary>A project that references Cached but decorates nothing.</summary>
    public const string NothingDecorated = """
        namespace Shop.Plain;

        public sealed class Plain
        {
            public int Value => 1;
        }
        """;

    /// <summary>Names that collide with the decorator's locals and fields, nullable paths, and unusual interfaces.</summary>
    public const string EdgeCases = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Edges;

        public enum Level : long { Low = 1, High = 2 }

        public sealed class Range
        {
            public DateTime From { get; set; }
            public Level? Level { get; set; }
        }

        public sealed class Query
        {
            public Range? Range { get; set; }
            public string? Text { get; set; }
        }

        public sealed class Item
        {
            public string Category { get; set; } = "";
        }

        public interface IEdges : IDisposable
        {
            Task<Item?> GetAsync(string key, int hit, long state, bool? result, char @class, Level? level, CancellationToken cancellationToken);

            Task<Item> FindAsync(Query? query, CancellationToken ct);

            ValueTask<int> CountAsync(in int _inner, Level level);

            Task<Item?> SaveAsync(string key, int hit, long state, bool? result, char @class, Level? level, Item item);

            int Describe() => 0;
        }

        public interface IEdgeWrites
        {
            Task<Item?> RenameAsync(int id, string name);
        }

        public static class Outer
        {
            public sealed class Edges : IEdges, IEdgeWrites
            {
                [Cached(Ttl = "1d", Tags = ["edge:{key}", "level:{level}"])]
                public Task<Item?> GetAsync(string key, int hit, long state, bool? result, char @class, Level? level, CancellationToken cancellationToken) =>
                    Task.FromResult<Item?>(null);

                [Cached(Key = "find:{query.Range.From}:{query.Range.Level}:{query.Text}", Tags = ["range:{query.Range.From}"])]
                public Task<Item> FindAsync(Query? query, CancellationToken ct) => Task.FromResult(new Item());

                [Cached]
                public ValueTask<int> CountAsync(in int _inner, Level level) => new(_inner);

                [InvalidatesCache("edge:{key}", "flag:{result}", "item:{item.Category}", Methods = [nameof(GetAsync)])]
                public Task<Item?> SaveAsync(string key, int hit, long state, bool? result, char @class, Level? level, Item item) =>
                    Task.FromResult<Item?>(item);

                [InvalidatesCache("category:{result.Category}")]
                public Task<Item?> RenameAsync(int id, string name) => Task.FromResult<Item?>(null);

                public void Dispose() { }
            }
        }
        """;

    /// <summary>Stale window, negative caching and L1-only on cached methods.</summary>
    public const string Freshness = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Accounts;

        public sealed record Account(int Id, string Email);

        public interface IAccounts
        {
            Task<Account?> FindAsync(string email, CancellationToken ct = default);

            Task<Account> GetAsync(int id, CancellationToken ct = default);
        }

        public sealed class Accounts : IAccounts
        {
            [Cached(Ttl = "10m", CacheNull = true, NullTtl = "30s", L1Only = true)]
            public Task<Account?> FindAsync(string email, CancellationToken ct = default) => Task.FromResult<Account?>(null);

            [Cached(Ttl = "1m", StaleFor = "1h", DistributedLock = true)]
            public Task<Account> GetAsync(int id, CancellationToken ct = default) => Task.FromResult(new Account(id, "a@b"));
        }
        """;

    /// <summary>Write-behind writes: asynchronous with invalidations, a ValueTask one, and a synchronous one.</summary>
    public const string WriteBehind = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Telemetry;

        public interface ICounters
        {
            Task RecordViewAsync(int productId, string source, CancellationToken ct = default);

            ValueTask RecordClickAsync(int productId);

            void RecordSearch(string query);
        }

        public sealed class Counters : ICounters
        {
            [WriteBehind]
            [InvalidatesCache("views:{productId}")]
            public Task RecordViewAsync(int productId, string source, CancellationToken ct = default) => Task.CompletedTask;

            [WriteBehind]
            public ValueTask RecordClickAsync(int productId) => default;

            [WriteBehind]
            public void RecordSearch(string query)
            {
            }
        }
        """;
}
