using Cached.Analyzers.Tests.Rules;
using Verify = Cached.Analyzers.CodeFixes.Tests.Verification.CodeFixVerifier<
    Cached.Analyzers.Rules.WriteWithoutInvalidationAnalyzer,
    Cached.Analyzers.CodeFixes.InvalidatesCacheCodeFixProvider>;

namespace Cached.Analyzers.CodeFixes.Tests;

public class InvalidatesCacheCodeFixProviderTests
{
    private const string Interface = """
        public interface ICatalog
        {
            Task<Product?> GetProductAsync(int id, CancellationToken ct = default);
            Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default);
            Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default);
            Task UpdateAsync(Product product);
            Task RestockAsync(int productId, int quantity);
        }

        """;

    /// <summary>The catalog with <paramref name="readers"/> and <paramref name="writes"/>; the other interface methods are stubs.</summary>
    private static string Catalog(string readers, string writes, string more = "")
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(writes, @"\{\|[^:|]+:|\|\}", string.Empty);
        var stubs = new List<string>();
        if (!plain.Contains("SetPriceAsync", StringComparison.Ordinal))
        {
            stubs.Add("    public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => throw new NotSupportedException();");
        }

        if (!plain.Contains("UpdateAsync(Product product)", StringComparison.Ordinal))
        {
            stubs.Add("    public Task UpdateAsync(Product product) => Task.CompletedTask;");
        }

        if (!plain.Contains("RestockAsync(int productId", StringComparison.Ordinal))
        {
            stubs.Add("    public Task RestockAsync(int productId, int quantity) => Task.CompletedTask;");
        }

        return ShopModel.Usings + Interface + "public sealed class Catalog(ShopDb db) : ICatalog\n{\n" + readers + "\n\n" + writes + "\n" +
               string.Join("\n", stubs) + "\n}\n" + more + ShopModel.Source;
    }

    private const string TaggedReaders = """
            [Cached(Ttl = "10m", Tags = ["product:{id}"])]
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) =>
                db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

            [Cached(Ttl = "1m", Tags = ["category:{category}"])]
            public async Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default) =>
                await db.Products.AsNoTracking().Where(p => p.Category == category).ToListAsync(ct);
        """;

    private const string UntaggedReaders = """
            [Cached(Ttl = "10m")]
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) =>
                db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

            public async Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default) =>
                await db.Products.AsNoTracking().Where(p => p.Category == category).ToListAsync(ct);
        """;

    private const string SetPriceBody = """
            public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
            {
                var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                product.Price = price;
                await db.SaveChangesAsync(ct);
                return product;
            }
        """;

    [Fact]
    public Task Tags_are_mapped_to_parameters_by_name_and_to_the_result() =>
        Verify.VerifyFixAsync(
            Catalog(TaggedReaders, "    // Sets the price.\n" + SetPriceBody.Replace("SetPriceAsync(", "{|CACHE001:SetPriceAsync|}(", StringComparison.Ordinal)),
            Catalog(TaggedReaders, "    // Sets the price.\n    [InvalidatesCache(\"product:{id}\", \"category:{result.Category}\")]\n" + SetPriceBody));

    [Fact]
    public Task A_cached_method_without_tags_of_the_same_class_is_named_in_Methods() =>
        Verify.VerifyFixAsync(
            Catalog(UntaggedReaders, SetPriceBody.Replace("SetPriceAsync(", "{|CACHE001:SetPriceAsync|}(", StringComparison.Ordinal)),
            Catalog(UntaggedReaders, "    [InvalidatesCache(Methods = [nameof(GetProductAsync)])]\n" + SetPriceBody));

    [Fact]
    public Task An_existing_attribute_gets_the_missing_tags() =>
        Verify.VerifyFixAsync(
            Catalog(TaggedReaders, "    [InvalidatesCache(\"product:{id}\")]\n" + SetPriceBody.Replace("SetPriceAsync(", "{|CACHE001:SetPriceAsync|}(", StringComparison.Ordinal)),
            Catalog(TaggedReaders, "    [InvalidatesCache(\"product:{id}\", \"category:{result.Category}\")]\n" + SetPriceBody));

    [Fact]
    public Task An_existing_Methods_list_gets_the_missing_method()
    {
        const string readers = """
                [Cached(Ttl = "10m", Tags = ["product:{id}"])]
                public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) =>
                    db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

                public Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default) => throw new NotSupportedException();

                [Cached]
                public Task<int> CountAsync() => db.Products.CountAsync();

                [Cached]
                public Task<decimal> PriceAsync(int id) => db.Products.Where(p => p.Id == id).Select(p => p.Price).SingleAsync();
            """;
        return Verify.VerifyFixAsync(
            Catalog(readers, "    [InvalidatesCache(\"product:{id}\", Methods = [nameof(CountAsync)])]\n" +
                             SetPriceBody.Replace("SetPriceAsync(", "{|CACHE001:SetPriceAsync|}(", StringComparison.Ordinal)),
            Catalog(readers, "    [InvalidatesCache(\"product:{id}\", Methods = [nameof(CountAsync), nameof(PriceAsync)])]\n" + SetPriceBody));
    }

    [Fact]
    public Task Placeholders_map_to_members_of_an_entity_parameter() =>
        Verify.VerifyFixAsync(
            Catalog(TaggedReaders, """
                    public async Task {|CACHE001:UpdateAsync|}(Product product)
                    {
                        db.Products.Update(product);
                        await db.SaveChangesAsync();
                    }
                """),
            Catalog(TaggedReaders, """
                    [InvalidatesCache("product:{product.Id}", "category:{product.Category}")]
                    public async Task UpdateAsync(Product product)
                    {
                        db.Products.Update(product);
                        await db.SaveChangesAsync();
                    }
                """));

    [Fact]
    public Task An_id_placeholder_maps_to_the_parameter_named_after_the_entity() =>
        Verify.VerifyFixAsync(
            Catalog(TaggedReaders.Replace("category:{category}", "catalog", StringComparison.Ordinal), """
                    public async Task {|CACHE001:RestockAsync|}(int productId, int quantity)
                    {
                        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity));
                    }
                """),
            Catalog(TaggedReaders.Replace("category:{category}", "catalog", StringComparison.Ordinal), """
                    [InvalidatesCache("product:{productId}", "catalog")]
                    public async Task RestockAsync(int productId, int quantity)
                    {
                        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity));
                    }
                """));

    [Fact]
    public Task No_fix_is_offered_when_a_stale_method_cannot_be_covered() =>
        Verify.VerifyNoFixAsync(Catalog(TaggedReaders, """
                public async Task {|CACHE001:RestockAsync|}(int productId, int quantity)
                {
                    await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity));
                }
            """));

    [Fact]
    public Task No_fix_is_offered_on_a_method_no_decorator_wraps() =>
        Verify.VerifyNoFixAsync(Catalog(TaggedReaders, """
                [InvalidatesCache("product:{id}", "category:{result.Category}")]
            """ + SetPriceBody, """

            public static class Endpoints
            {
                public static async Task {|CACHE001:RepriceAsync|}(ShopDb db, int id) =>
                    await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, 1m));
            }
            """));

    [Fact]
    public async Task A_using_for_the_attribute_is_added_when_the_file_does_not_have_one()
    {
        const string usings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";
        var body = """
            public interface ICatalog { Task SetPriceAsync(int id, decimal price); }

            public sealed class Catalog(ShopDb db) : ICatalog
            {
                [Cached.Cached(Tags = ["product:{id}"])]
                public Task<decimal> PriceAsync(int id) => db.Products.Where(p => p.Id == id).Select(p => p.Price).SingleAsync();

            """;
        var test = new Verify.Test();
        test.TestState.Sources.Clear();
        test.FixedState.Sources.Clear();
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", usings));
        test.FixedState.Sources.Add(("/0/GlobalUsings.cs", usings));
        test.TestState.Sources.Add(ShopModel.Usings + body + """
                public Task {|CACHE001:SetPriceAsync|}(int id, decimal price) =>
                    db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, price));
            }
            """ + ShopModel.Source);
        test.FixedState.Sources.Add(ShopModel.Usings + "using Cached;\n" + body + """
                [InvalidatesCache("product:{id}")]
                public Task SetPriceAsync(int id, decimal price) =>
                    db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, price));
            }
            """ + ShopModel.Source);
        await test.RunAsync();
    }
}
