using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.InvalidatedMethodsAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class InvalidatedMethodsAnalyzerTests
{
    private const string Interface = """
        public record Product(int Id, string Category);

        public interface ICatalog
        {
            Task<Product?> GetProductAsync(int id, CancellationToken ct = default);
            Task<IReadOnlyList<Product>> ByCategoryAsync(string category, [NotCacheKey] string traceId, CancellationToken ct = default);
            Task<int> CountAsync();
            Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default);
            Task<Product> MoveAsync(long id, string category);
            Task RenameAsync(int productId, string name);
            Task ClearAsync();
        }

        """;

    private static string Catalog(string writeAttribute, string writeMethod = "SetPriceAsync") => Interface + $$"""
        public sealed class Catalog : ICatalog
        {
            [Cached(Ttl = "10m", Strategy = CacheStrategy.WriteThrough, Tags = ["product:{id}"])]
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) => Task.FromResult<Product?>(null);

            [Cached(Ttl = "1m")]
            public Task<IReadOnlyList<Product>> ByCategoryAsync(string category, [NotCacheKey] string traceId, CancellationToken ct = default) =>
                Task.FromResult<IReadOnlyList<Product>>([]);

            [Cached]
            public Task<int> CountAsync() => Task.FromResult(0);

            public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => Task.FromResult(new Product(id, "c"));

            public Task<Product> MoveAsync(long id, string category) => Task.FromResult(new Product((int)id, category));

            public Task RenameAsync(int productId, string name) => Task.CompletedTask;

            public Task ClearAsync() => Task.CompletedTask;
        }
        """.Replace($"public Task<Product> {writeMethod}", writeAttribute + $"\n    public Task<Product> {writeMethod}", StringComparison.Ordinal)
           .Replace($"public Task {writeMethod}", writeAttribute + $"\n    public Task {writeMethod}", StringComparison.Ordinal);

    [Fact]
    public Task Methods_matched_by_name_and_type_are_fine() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache("product:{id}", Methods = [nameof(GetProductAsync), nameof(CountAsync)])]"""));

    [Fact]
    public Task NotCacheKey_and_cancellation_token_parameters_need_no_match() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache(Methods = [nameof(ByCategoryAsync)])]""", "MoveAsync"));

    [Fact]
    public async Task An_entry_naming_no_method_is_reported_with_the_cached_methods_available()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""[InvalidatesCache(Methods = [{|#0:"GetProdAsync"|}])]"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE006").WithLocation(0).WithMessage(
            "Methods entry 'GetProdAsync': names no [Cached] method of 'Catalog'; [Cached] methods: GetProductAsync, ByCategoryAsync, CountAsync"));
        await test.RunAsync();
    }

    [Fact]
    public Task An_entry_naming_a_method_that_is_not_cached_is_reported() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache(Methods = [{|CACHE006:nameof(ClearAsync)|}])]"""));

    [Fact]
    public async Task A_key_parameter_the_write_does_not_take_is_named()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""[InvalidatesCache(Methods = [{|#0:nameof(GetProductAsync)|}])]""", "RenameAsync"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE006").WithLocation(0).WithMessage(
            "Methods entry 'GetProductAsync': 'GetProductAsync' is keyed by parameter 'id' (int), which 'RenameAsync' does not take; add a parameter 'id' of type 'int' to 'RenameAsync', or rename the one that carries that value"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_key_parameter_of_another_type_is_named_with_both_types()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""[InvalidatesCache(Methods = [nameof(ByCategoryAsync), {|#0:nameof(GetProductAsync)|}])]""", "MoveAsync"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE006").WithLocation(0).WithMessage(
            "Methods entry 'GetProductAsync': 'GetProductAsync' is keyed by parameter 'id' of type 'int', but 'MoveAsync' takes 'id' as 'long'; make the types match"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_method_of_another_class_is_not_found_in_this_one() =>
        Verify.VerifyAsync(Interface + """
            public sealed class Catalog : ICatalog
            {
                public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) => Task.FromResult<Product?>(null);
                public Task<IReadOnlyList<Product>> ByCategoryAsync(string category, string traceId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Product>>([]);
                public Task<int> CountAsync() => Task.FromResult(0);
                [InvalidatesCache(Methods = [{|CACHE006:nameof(Reviews.TopAsync)|}])]
                public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => Task.FromResult(new Product(id, "c"));
                public Task<Product> MoveAsync(long id, string category) => Task.FromResult(new Product((int)id, category));
                public Task RenameAsync(int productId, string name) => Task.CompletedTask;
                public Task ClearAsync() => Task.CompletedTask;
            }

            public sealed class Reviews
            {
                [Cached]
                public Task<int> TopAsync(int id) => Task.FromResult(0);
            }
            """);

    [Fact]
    public Task A_method_cached_on_the_interface_counts_as_cached() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                [Cached] Task<string> GetAsync(int id);
                Task SetAsync(int id, string value);
            }

            public sealed class Catalog : ICatalog
            {
                public Task<string> GetAsync(int id) => Task.FromResult("p");

                [InvalidatesCache(Methods = [nameof(GetAsync)])]
                public Task SetAsync(int id, string value) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Entries_of_an_interface_write_are_looked_up_on_the_interface() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                [Cached] Task<string> GetAsync(int id);

                [InvalidatesCache(Methods = [nameof(GetAsync), {|CACHE006:"FindAsync"|}])]
                Task SetAsync(int id, string value);
            }
            """);

    [Fact]
    public Task One_matching_overload_is_enough() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                Task<string> GetAsync(int id);
                Task<string> GetAsync(string slug);
                Task SetAsync(string slug);
            }

            public sealed class Catalog : ICatalog
            {
                [Cached] public Task<string> GetAsync(int id) => Task.FromResult("p");
                [Cached] public Task<string> GetAsync(string slug) => Task.FromResult("p");

                [InvalidatesCache(Methods = [nameof(GetAsync)])]
                public Task SetAsync(string slug) => Task.CompletedTask;
            }
            """);

    private const string Lookups = """
        public interface ILookups
        {
            Task<T?> FindAsync<T>(int id) where T : class;
            Task<string> ByIdAsync(int id);
            Task<string> SearchAsync(string category, int page, string traceId);
            Task SetAsync(int id);
            Task SetCategoryAsync(string category);
        }

        public sealed class Lookups : ILookups
        {
            [Cached] public Task<T?> FindAsync<T>(int id) where T : class => Task.FromResult<T?>(null);
            [Cached] public Task<string> ByIdAsync(int id) => Task.FromResult("p");
            [Cached(Key = "search:{category}:{page}")] public Task<string> SearchAsync(string category, int page, string traceId) => Task.FromResult("p");

            WRITE
            public Task SetAsync(int id) => Task.CompletedTask;

            public Task SetCategoryAsync(string category) => Task.CompletedTask;
        }
        """;

    private static string LookupsWith(string attribute) => Lookups.Replace("WRITE", attribute, StringComparison.Ordinal);

    [Fact]
    public async Task A_generic_cached_method_is_reported_because_a_write_cannot_evict_it()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(LookupsWith("""[InvalidatesCache(Methods = [{|#0:"FindAsync"|}])]"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE006").WithLocation(0).WithMessage(
            "Methods entry 'FindAsync': 'FindAsync' is generic, and its keys name their type arguments, which a write cannot know; invalidate it through a tag instead"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_generic_method_named_through_nameof_is_reported() =>
        Verify.VerifyAsync(LookupsWith("""[InvalidatesCache("lookups", Methods = [nameof(ByIdAsync), {|CACHE006:nameof(FindAsync)|}])]"""));

    [Fact]
    public Task A_generic_method_of_an_interface_write_is_reported() =>
        Verify.VerifyAsync("""
            public interface IStore
            {
                [Cached] Task<T?> GetAsync<T>(int id) where T : class;

                [InvalidatesCache(Methods = [{|CACHE006:nameof(GetAsync)|}])]
                Task SetAsync(int id);
            }
            """);

    [Fact]
    public Task A_non_generic_overload_next_to_a_generic_one_is_enough() =>
        Verify.VerifyAsync("""
            public interface IStore { Task<T?> GetAsync<T>(int id) where T : class; Task<string> GetAsync(int id); Task SetAsync(int id); }

            public sealed class Store : IStore
            {
                [Cached] public Task<T?> GetAsync<T>(int id) where T : class => Task.FromResult<T?>(null);
                [Cached] public Task<string> GetAsync(int id) => Task.FromResult("p");

                [InvalidatesCache(Methods = [nameof(GetAsync)])]
                public Task SetAsync(int id) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task With_a_key_template_only_its_placeholder_parameters_must_match() =>
        Verify.VerifyAsync(LookupsWith("""[InvalidatesCache(Methods = [nameof(ByIdAsync)])]""").Replace(
            "public Task SetCategoryAsync(string category)",
            "[InvalidatesCache(Methods = [nameof(SearchAsync)])]\n    public Task SetCategoryAsync(string category, int page)",
            StringComparison.Ordinal).Replace("Task SetCategoryAsync(string category);", "Task SetCategoryAsync(string category, int page);", StringComparison.Ordinal));

    [Fact]
    public async Task With_a_key_template_a_missing_placeholder_parameter_is_named()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(LookupsWith(string.Empty).Replace(
            "public Task SetCategoryAsync(string category)",
            "[InvalidatesCache(Methods = [{|#0:nameof(SearchAsync)|}])]\n    public Task SetCategoryAsync(string category)",
            StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE006").WithLocation(0).WithMessage(
            "Methods entry 'SearchAsync': 'SearchAsync' is keyed by parameter 'page' (int), which 'SetCategoryAsync' does not take; add a parameter 'page' of type 'int' to 'SetCategoryAsync', or rename the one that carries that value"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_key_template_without_placeholders_needs_no_parameters() =>
        Verify.VerifyAsync("""
            public interface IBoard { Task<int> TopAsync(int count); Task ResetAsync(); }

            public sealed class Board : IBoard
            {
                [Cached(Key = "top")] public Task<int> TopAsync(int count) => Task.FromResult(count);

                [InvalidatesCache(Methods = [nameof(TopAsync)])]
                public Task ResetAsync() => Task.CompletedTask;
            }
            """);
}
