using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.WriteThroughAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class WriteThroughAnalyzerTests
{
    private const string Catalog = """
        public record Product(int Id, string Sku);
        public record Order(int Id);

        public sealed class Catalog
        {
            [Cached(Ttl = "10m", Strategy = STRATEGY, Tags = ["product:{id}"])]
            public Task<Product?> GetProductAsync(int id, [NotCacheKey] string region, CancellationToken ct = default) => Task.FromResult<Product?>(null);

            [Cached(Ttl = "10m", Strategy = CacheStrategy.WriteThrough, Tags = ["sku:{sku}"])]
            public Task<Product> BySkuAsync(int id, [NotCacheKey] string sku) => Task.FromResult(new Product(id, sku));

            WRITE
        }
        """;

    private static string With(string write, string strategy = "CacheStrategy.WriteThrough") =>
        Catalog.Replace("STRATEGY", strategy, StringComparison.Ordinal).Replace("WRITE", write, StringComparison.Ordinal);

    private static async Task ExpectAsync(string write, string message)
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(With(write));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE014", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(message));
        await test.RunAsync();
    }

    [Fact]
    public Task A_write_returning_no_value_is_told_which_type_to_return() =>
        ExpectAsync(
            """
            [InvalidatesCache(Methods = [{|#0:nameof(GetProductAsync)|}])]
            public Task RenameAsync(int id, string name) => Task.CompletedTask;
            """,
            "'RenameAsync' evicts the entry of write-through 'GetProductAsync' instead of storing its new value: 'RenameAsync' returns no value; return 'Task<Product>' from 'RenameAsync' so it can store the new value, or drop Strategy = WriteThrough");

    [Fact]
    public Task A_synchronous_write_returning_nothing_is_told_to_return_the_plain_value() =>
        ExpectAsync(
            """
            [InvalidatesCache(Methods = [{|#0:nameof(GetProductAsync)|}])]
            public void Rename(int id, string name) { }
            """,
            "'Rename' evicts the entry of write-through 'GetProductAsync' instead of storing its new value: 'Rename' returns no value; return 'Product' from 'Rename' so it can store the new value, or drop Strategy = WriteThrough");

    [Fact]
    public Task A_write_returning_another_type_names_both_types() =>
        ExpectAsync(
            """
            [InvalidatesCache(Methods = [{|#0:nameof(GetProductAsync)|}])]
            public ValueTask<Order> OrderAsync(int id) => new(new Order(id));
            """,
            "'OrderAsync' evicts the entry of write-through 'GetProductAsync' instead of storing its new value: 'OrderAsync' returns 'Order', but 'GetProductAsync' caches 'Product?'; return 'ValueTask<Product>' from 'OrderAsync' so it can store the new value, or drop Strategy = WriteThrough");

    [Fact]
    public Task A_shared_parameter_of_another_type_is_named_with_both_types() =>
        ExpectAsync(
            """
            [InvalidatesCache(Methods = [{|#0:nameof(GetProductAsync)|}])]
            public Task<Product> MoveAsync(int id, int region) => Task.FromResult(new Product(id, "s"));
            """,
            "'MoveAsync' evicts the entry of write-through 'GetProductAsync' instead of storing its new value: 'GetProductAsync' takes 'region' as 'string', but 'MoveAsync' takes it as 'int'; give 'region' the same type in both, or drop Strategy = WriteThrough");

    [Fact]
    public Task A_tag_the_write_cannot_build_is_named_with_the_missing_value() =>
        ExpectAsync(
            """
            [InvalidatesCache(Methods = [{|#0:nameof(BySkuAsync)|}])]
            public Task<Product> RepriceAsync(int id, decimal price) => Task.FromResult(new Product(id, "s"));
            """,
            "'RepriceAsync' evicts the entry of write-through 'BySkuAsync' instead of storing its new value: its tag 'sku:{sku}' cannot be built from the arguments of 'RepriceAsync': {sku} names no parameter of 'RepriceAsync'; available: {id}, {price}; take that value as a parameter of 'RepriceAsync', or drop Strategy = WriteThrough");

    [Fact]
    public async Task Only_the_entry_that_cannot_write_through_is_reported()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(With("""
            [InvalidatesCache(Methods = [nameof(GetProductAsync), {|#0:nameof(BySkuAsync)|}])]
            public Task<Product> SaveAsync(int id, string region, CancellationToken ct) => Task.FromResult(new Product(id, "s"));
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE014", DiagnosticSeverity.Warning).WithLocation(0));
        await test.RunAsync();
    }

    [Fact]
    public Task A_write_that_returns_the_cached_type_writes_through() =>
        Verify.VerifyAsync(With("""
            [InvalidatesCache(Methods = [nameof(GetProductAsync), nameof(BySkuAsync)])]
            public Task<Product> SaveAsync(int id, string sku, string region, CancellationToken ct = default) => Task.FromResult(new Product(id, sku));
            """));

    [Fact]
    public Task Nullability_alone_does_not_stop_write_through() =>
        Verify.VerifyAsync(With("""
            [InvalidatesCache(Methods = [nameof(GetProductAsync), nameof(BySkuAsync)])]
            public Product? Save(int id, string? sku) => null;
            """));

    [Fact]
    public Task A_cache_aside_target_is_evicted_without_a_warning() =>
        Verify.VerifyAsync(With(
            """
            [InvalidatesCache(Methods = [nameof(GetProductAsync)])]
            public Task RenameAsync(int id, string name) => Task.CompletedTask;
            """,
            "CacheStrategy.CacheAside"));

    [Fact]
    public Task A_target_without_a_strategy_is_evicted_without_a_warning() =>
        Verify.VerifyAsync(With(
            """
            [InvalidatesCache(Methods = [nameof(GetProductAsync)])]
            public Task RenameAsync(int id, string name) => Task.CompletedTask;
            """).Replace("Strategy = CacheStrategy.WriteThrough, Tags = [\"product", "Tags = [\"product", StringComparison.Ordinal));

    [Fact]
    public Task An_entry_that_cannot_be_linked_is_left_to_CACHE006() =>
        Verify.VerifyAsync(With("""
            [InvalidatesCache(Methods = [nameof(GetProductAsync), "GetProdAsync"])]
            public Task RenameAsync(long id, string name) => Task.CompletedTask;
            """));

    [Fact]
    public Task A_write_through_method_declared_on_the_interface_is_checked() =>
        Verify.VerifyAsync("""
            public interface IProfiles
            {
                [Cached(Strategy = CacheStrategy.WriteThrough)] Task<string> GetAsync(string userId);
                Task SetAsync(string userId, string name);
            }

            public sealed class Profiles : IProfiles
            {
                public Task<string> GetAsync(string userId) => Task.FromResult("p");

                [InvalidatesCache(Methods = [{|CACHE014:nameof(GetAsync)|}])]
                public Task SetAsync(string userId, string name) => Task.CompletedTask;
            }
            """);
}
