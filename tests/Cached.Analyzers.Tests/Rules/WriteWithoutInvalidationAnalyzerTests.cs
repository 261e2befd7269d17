using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.WriteWithoutInvalidationAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class WriteWithoutInvalidationAnalyzerTests
{
    private const string CatalogInterface = """
        public interface ICatalog
        {
            Task<Product?> GetProductAsync(int id, CancellationToken ct = default);
            Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default);
            Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default);
        }

        """;

    private const string Readers = """
            [Cached(Ttl = "10m", Tags = ["product:{id}"])]
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) =>
                db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

            [Cached(Ttl = "1m", Tags = ["category:{category}"])]
            public async Task<IReadOnlyList<Product>> ByCategoryAsync(string category, CancellationToken ct = default) =>
                await db.Products.AsNoTracking().Where(p => p.Category == category).ToListAsync(ct);

        """;

    /// <summary>The catalog service with its two cached readers and <paramref name="write"/> as SetPriceAsync.</summary>
    private static string Catalog(string write, string more = "") =>
        ShopModel.Usings + CatalogInterface + "public sealed class Catalog(ShopDb db) : ICatalog\n{\n" + Readers + write + "\n}\n" + more + ShopModel.Source;

    private static string WithModel(string source) => ShopModel.Usings + source + ShopModel.Source;

    private static DiagnosticResult Warning() => new("CACHE001", DiagnosticSeverity.Warning);

    // ---- what it flags ----

    [Fact]
    public async Task A_tracked_change_saved_without_invalidation_names_the_stale_cached_methods()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""
                public async Task<Product> {|#0:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """));
        test.ExpectedDiagnostics.Add(Warning().WithLocation(0).WithMessage(
            "'SetPriceAsync' writes Product without invalidating 'Catalog.GetProductAsync' and 'Catalog.ByCategoryAsync', which would serve stale data until the entries expire"));
        await test.RunAsync();
    }

    [Fact]
    public Task An_entity_added_to_its_set_and_saved_is_a_write() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = new Product { Id = id, Price = price };
                    db.Products.Add(product);
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """));

    [Fact]
    public Task An_entity_removed_through_the_context_and_saved_is_a_write() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = new Product { Id = id };
                    db.Remove(product);
                    db.SaveChanges();
                    return product;
                }
            """));

    [Fact]
    public Task ExecuteUpdate_over_a_set_is_a_write_without_SaveChanges() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, price), ct);
                    return new Product { Id = id, Price = price };
                }
            """));

    [Fact]
    public Task Entry_state_and_values_are_tracked_changes() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = new Product { Id = id, Price = price };
                    db.Entry(product).State = EntityState.Modified;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """));

    [Fact]
    public async Task Dapper_sql_that_updates_the_table_an_entity_maps_to_is_a_write_of_that_table()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""
                public async Task<Product> {|#0:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    await using var connection = db.Database.GetDbConnection();
                    await connection.ExecuteAsync("UPDATE [dbo].[Products] SET Price = @price WHERE Id = @id", new { id, price });
                    return new Product { Id = id, Price = price };
                }
            """));
        test.ExpectedDiagnostics.Add(Warning().WithLocation(0).WithMessage(
            "'SetPriceAsync' writes table Products without invalidating 'Catalog.GetProductAsync' and 'Catalog.ByCategoryAsync', which would serve stale data until the entries expire"));
        await test.RunAsync();
    }

    [Fact]
    public Task Raw_sql_through_the_context_is_a_write_of_its_target_table() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    await db.Database.ExecuteSqlInterpolatedAsync($"update products set price = {price} where id = {id}", ct);
                    return new Product { Id = id, Price = price };
                }
            """));

    [Fact]
    public Task An_ado_net_command_with_a_delete_is_a_write_that_a_dapper_reader_of_the_table_sees() =>
        Verify.VerifyAsync(WithModel("""
            public interface IReviews { Task<IReadOnlyList<Review>> ForProductAsync(int productId); Task DeleteAsync(int id); }

            public sealed class Reviews(DbConnection connection) : IReviews
            {
                [Cached(Tags = ["reviews:{productId}"])]
                public async Task<IReadOnlyList<Review>> ForProductAsync(int productId) =>
                    (await connection.QueryAsync<Review>("SELECT r.* FROM review_items r WHERE r.ProductId = @productId", new { productId })).ToList();

                public async Task {|CACHE001:DeleteAsync|}(int id)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "DELETE FROM ReviewItems WHERE Id = @id";
                    await command.ExecuteNonQueryAsync();
                }
            }
            """));

    [Fact]
    public Task A_write_in_another_class_to_an_entity_a_cached_method_includes_is_flagged() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task<Product?> GetWithReviewsAsync(int id); }
            public interface IReviewService { Task AddAsync(int productId, int stars); }

            public sealed class Products(ShopDb db) : IProducts
            {
                [Cached(Tags = ["product:{id}"])]
                public Task<Product?> GetWithReviewsAsync(int id) =>
                    db.Products.Include(p => p.Reviews).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
            }

            public sealed class ReviewService(ShopDb db) : IReviewService
            {
                public async Task {|CACHE001:AddAsync|}(int productId, int stars)
                {
                    db.Reviews.Add(new Review { ProductId = productId, Stars = stars });
                    await db.SaveChangesAsync();
                }
            }
            """));

    [Fact]
    public Task A_cached_method_that_calls_another_services_cached_method_reads_what_it_reads() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task<Product?> GetAsync(int id); Task RenameAsync(int id, string name); }
            public interface IStorefront { Task<string> BannerAsync(int productId); }

            public sealed class Products(ShopDb db) : IProducts
            {
                [Cached(Tags = ["product:{id}"])]
                public Task<Product?> GetAsync(int id) => db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);

                [InvalidatesCache("product:{id}")]
                public async Task {|#0:RenameAsync|}(int id, string name)
                {
                    var product = await db.Products.FindAsync(id);
                    product!.Name = name;
                    await db.SaveChangesAsync();
                }
            }

            public sealed class Storefront(IProducts products) : IStorefront
            {
                [Cached(Tags = ["banner:{productId}"])]
                public async Task<string> BannerAsync(int productId) => (await products.GetAsync(productId))?.Name ?? "";
            }
            """),
            Warning().WithLocation(0).WithMessage(
                "'RenameAsync' writes Product without invalidating 'Storefront.BannerAsync', which would serve stale data until the entries expire"));

    [Fact]
    public Task A_private_helper_that_saves_makes_its_public_caller_the_write() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.SingleAsync(p => p.Id == id, ct);
                    Apply(product, price);
                    await SaveAsync(ct);
                    return product;
                }

                private static void Apply(Product product, decimal price) => product.Price = price;

                private Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);
            """));

    [Fact]
    public Task A_tag_with_the_wrong_shape_does_not_cover() =>
        Verify.VerifyAsync(Catalog("""
                [InvalidatesCache("products:{id}", "category:{result.Category}")]
                public async Task<Product> {|CACHE001:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """));

    [Fact]
    public async Task Only_the_methods_left_uncovered_are_named()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""
                [InvalidatesCache("product:{id}")]
                public async Task<Product> {|#0:SetPriceAsync|}(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """));
        test.ExpectedDiagnostics.Add(Warning().WithLocation(0).WithArguments("SetPriceAsync", "Product", "'Catalog.ByCategoryAsync'"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_write_through_a_concrete_class_bypasses_that_class_s_invalidation() =>
        Verify.VerifyAsync(Catalog("""
                [InvalidatesCache("product:{id}", "category:{result.Category}")]
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """, """
            public interface IPricing { Task DiscountAsync(int id); }

            public sealed class Pricing(Catalog catalog) : IPricing
            {
                public Task {|CACHE001:DiscountAsync|}(int id) => catalog.SetPriceAsync(id, 1m);
            }

            """));

    [Fact]
    public Task An_endpoint_class_that_writes_directly_is_flagged_even_without_an_interface() =>
        Verify.VerifyAsync(Catalog("""
                [InvalidatesCache("product:{id}", "category:{result.Category}")]
                public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => throw new NotImplementedException();
            """, """
            public static class AdminEndpoints
            {
                public static async Task {|CACHE001:RestockAsync|}(ShopDb db, int id, int quantity)
                {
                    await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity));
                }
            }

            """));

    // ---- what it does not flag ----

    [Fact]
    public Task A_SaveChanges_after_a_read_only_query_is_not_a_write() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    var unchanged = product.Price == price;
                    var detached = await db.Products.AsNoTracking().FirstAsync(p => p.Id == id, ct);
                    detached.Price = price;
                    await db.SaveChangesAsync(ct);
                    return unchanged ? product : detached;
                }
            """));

    [Fact]
    public Task A_write_to_an_unrelated_entity_is_not_flagged() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    var order = await db.Orders.FirstAsync(o => o.Id == id, ct);
                    order.Status = "repriced";
                    db.Audit.Add(new AuditEntry { Text = $"{id}: {price}" });
                    await db.SaveChangesAsync(ct);
                    return new Product();
                }
            """));

    [Fact]
    public Task A_write_to_a_different_table_with_the_same_columns_is_not_flagged() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    await using var connection = db.Database.GetDbConnection();
                    await connection.ExecuteAsync(
                        "INSERT INTO ProductsArchive (Id, Name, Category, Price) SELECT Id, Name, Category, Price FROM Products WHERE Id = @id; " +
                        "UPDATE ProductsArchive SET Price = @price WHERE Id = @id", new { id, price });
                    return new Product();
                }
            """));

    [Fact]
    public Task Tag_templates_that_overlap_the_cached_tags_cover_them() =>
        Verify.VerifyAsync(Catalog("""
                [InvalidatesCache("product:{result.Id}", "category:{result.Category}")]
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """));

    [Fact]
    public Task Methods_entries_cover_the_cached_methods_they_name() =>
        Verify.VerifyAsync(Catalog("""
                [InvalidatesCache("category:{result.Category}", Methods = [nameof(GetProductAsync)])]
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, price), ct);
                    return await db.Products.FirstAsync(p => p.Id == id, ct);
                }
            """));

    [Fact]
    public Task A_write_through_a_decorated_service_is_covered_by_that_service() =>
        Verify.VerifyAsync(Catalog("""
                [InvalidatesCache("product:{id}", "category:{result.Category}")]
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    await db.SaveChangesAsync(ct);
                    return product;
                }
            """, """
            public interface IPricing { Task DiscountAsync(int id); }

            public sealed class Pricing(ICatalog catalog) : IPricing
            {
                public Task DiscountAsync(int id) => catalog.SetPriceAsync(id, 1m);
            }

            """));

    [Fact]
    public Task Tags_removed_by_hand_through_HybridCache_cover_the_cached_methods() =>
        Verify.VerifyAsync(Catalog("""
                public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => throw new NotImplementedException();
            """, """
            public interface IStock { Task RestockAsync(int id, int quantity); }

            public sealed class Stock(ShopDb db, Microsoft.Extensions.Caching.Hybrid.HybridCache cache) : IStock
            {
                public async Task RestockAsync(int id, int quantity)
                {
                    var product = await db.Products.FindAsync(id);
                    product!.Stock += quantity;
                    await db.SaveChangesAsync();
                    await cache.RemoveByTagAsync($"product:{id}");
                    await cache.RemoveByTagAsync("category:" + product.Category);
                }
            }

            """));

    [Fact]
    public Task Tracked_changes_that_are_never_saved_are_not_writes() =>
        Verify.VerifyAsync(Catalog("""
                public async Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
                {
                    var product = await db.Products.FirstAsync(p => p.Id == id, ct);
                    product.Price = price;
                    return product;
                }
            """));

    [Fact]
    public Task A_cached_method_that_also_writes_is_a_read_and_a_private_helper_is_reported_at_its_caller_only() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task<Product?> GetAsync(int id); Task RenameAsync(int id, string name); }

            public sealed class Products(ShopDb db) : IProducts
            {
                [Cached(Tags = ["product:{id}"])]
                public async Task<Product?> GetAsync(int id)
                {
                    var product = await db.Products.FindAsync(id);
                    product!.Stock += 0;
                    await db.SaveChangesAsync();
                    return product;
                }

                public Task {|CACHE001:RenameAsync|}(int id, string name) => RenameCoreAsync(id, name);

                private async Task RenameCoreAsync(int id, string name)
                {
                    var product = await db.Products.FindAsync(id);
                    product!.Name = name;
                    await db.SaveChangesAsync();
                }
            }
            """));

    [Fact]
    public Task Nothing_is_reported_without_a_cached_method() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task RenameAsync(int id, string name); }

            public sealed class Products(ShopDb db) : IProducts
            {
                public async Task RenameAsync(int id, string name)
                {
                    var product = await db.Products.FindAsync(id);
                    product!.Name = name;
                    await db.SaveChangesAsync();
                }
            }
            """));

    // ---- columns, generics, command factories ----

    [Fact]
    public Task A_column_no_cached_method_uses_is_not_a_stale_write() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task<string?> NameAsync(int id); Task RestockAsync(int id, int quantity); Task RenameAsync(int id, string name); }

            public sealed class Products(ShopDb db) : IProducts
            {
                [Cached(Tags = ["name:{id}"])]
                public Task<string?> NameAsync(int id) => db.Products.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync();

                public Task RestockAsync(int id, int quantity) =>
                    db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity));

                public async Task {|CACHE001:RenameAsync|}(int id, string name)
                {
                    var product = await db.Products.FindAsync(id);
                    product!.Name = name;
                    await db.SaveChangesAsync();
                }
            }
            """));

    [Fact]
    public Task A_cached_entity_depends_on_every_column() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task<Product?> GetAsync(int id); Task RestockAsync(int id, int quantity); }

            public sealed class Products(ShopDb db) : IProducts
            {
                [Cached(Tags = ["product:{id}"])]
                public Task<Product?> GetAsync(int id) => db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);

                public Task {|CACHE001:RestockAsync|}(int id, int quantity) =>
                    db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity));
            }
            """));

    [Fact]
    public Task A_generic_repository_reads_and_writes_its_type_argument_only() =>
        Verify.VerifyAsync(WithModel("""
            public class Repository<T>(ShopDb db) where T : class
            {
                public IQueryable<T> Query() => db.Set<T>().AsNoTracking();

                public async Task UpdateAsync(T entity)
                {
                    db.Set<T>().Update(entity);
                    await db.SaveChangesAsync();
                }
            }

            public interface IOrders { Task<int> CountAsync(); Task TouchAsync(Order order); Task TouchReviewAsync(Review review); }

            public sealed class Orders(Repository<Order> orders, Repository<Review> reviews) : IOrders
            {
                [Cached(Tags = ["orders"])]
                public Task<int> CountAsync() => orders.Query().CountAsync();

                public Task {|CACHE001:TouchAsync|}(Order order) => orders.UpdateAsync(order);

                public Task TouchReviewAsync(Review review) => reviews.UpdateAsync(review);
            }
            """));

    [Fact]
    public Task Sql_given_to_a_command_factory_is_read_and_written() =>
        Verify.VerifyAsync(WithModel("""
            public interface IStock { Task<int> OnHandAsync(int id); Task AdjustAsync(int id, int delta); }

            public sealed class Stock(DbDataSource source) : IStock
            {
                [Cached(Tags = ["stock:{id}"])]
                public async Task<int> OnHandAsync(int id)
                {
                    await using var command = source.CreateCommand("SELECT OnHand FROM stock_levels WHERE ProductId = " + id);
                    return (int)(await command.ExecuteScalarAsync())!;
                }

                public async Task {|CACHE001:AdjustAsync|}(int id, int delta)
                {
                    await using var command = source.CreateCommand($"UPDATE stock_levels SET OnHand = OnHand + {delta} WHERE ProductId = {id}");
                    await command.ExecuteNonQueryAsync();
                }
            }
            """));

    [Fact]
    public Task A_program_entry_point_that_seeds_the_database_is_not_a_stale_write() =>
        Verify.VerifyAsync(WithModel("""
            public interface IProducts { Task<int> CountAsync(); }

            public sealed class Products(ShopDb db) : IProducts
            {
                [Cached(Tags = ["products"])]
                public Task<int> CountAsync() => db.Products.CountAsync();
            }

            public static class Program
            {
                public static async Task Main()
                {
                    await using var db = new ShopDb(new DbContextOptionsBuilder<ShopDb>().Options);
                    db.Products.Add(new Product { Name = "seed" });
                    await db.SaveChangesAsync();
                }
            }
            """));
}
