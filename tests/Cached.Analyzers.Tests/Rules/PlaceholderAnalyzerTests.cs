using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.PlaceholderAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class PlaceholderAnalyzerTests
{
    private const string Model = """

        public record ProductQuery(string Category, int Page) { public Paging Paging { get; init; } = new(); }
        public class Paging { public int Size; public Sort Sort { get; set; } }
        public class Sort { public string Field { get; set; } = ""; }
        public record Product(int Id, string Category);
        """;

    [Fact]
    public Task A_placeholder_naming_no_parameter_is_reported_on_its_span() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<Product> GetAsync(int id, CancellationToken ct); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["product:{|CACHE003:{prodId}|}", "all"])]
                public Task<Product> GetAsync(int id, CancellationToken ct) => Task.FromResult(new Product(id, "c"));
            }
            """ + Model);

    [Fact]
    public async Task The_message_names_the_placeholder_and_the_parameters_available()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface ICatalog { Task<Product> GetAsync(int id, string lang, CancellationToken ct); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "product:{|#0:{prodId}|}")]
                public Task<Product> GetAsync(int id, string lang, CancellationToken ct) => Task.FromResult(new Product(id, "c"));
            }
            """ + Model);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE003").WithLocation(0).WithMessage(
            "Template \"product:{prodId}\": {prodId} names no parameter of 'GetAsync'; available: {id}, {lang}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_member_that_does_not_exist_is_reported_with_the_members_available()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface ICatalog { Task<string> SearchAsync([NotCacheKey] ProductQuery query); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["category:{|#0:{query.Categry}|}"])]
                public Task<string> SearchAsync([NotCacheKey] ProductQuery query) => Task.FromResult("p");
            }
            """ + Model);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE003").WithLocation(0).WithMessage(
            "Template \"category:{query.Categry}\": {query.Categry}: 'ProductQuery' has no public property or field 'Categry'; available: Category, Page, Paging"));
        await test.RunAsync();
    }

    [Fact]
    public Task Members_at_any_depth_properties_and_fields_resolve() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> SearchAsync([NotCacheKey] ProductQuery query, int? page); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["category:{query.Category}", "size:{query.Paging.Size}", "sort:{query.Paging.Sort.Field}", "{page.Value}"],
                        Key = "search:{query.Category}:{query.Page}")]
                public Task<string> SearchAsync([NotCacheKey] ProductQuery query, int? page) => Task.FromResult("p");
            }
            """ + Model);

    [Fact]
    public Task A_deep_member_that_does_not_exist_is_reported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> SearchAsync([NotCacheKey] ProductQuery query); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["{|CACHE003:{query.Paging.Order}|}"])]
                public Task<string> SearchAsync([NotCacheKey] ProductQuery query) => Task.FromResult("p");
            }
            """ + Model);

    [Fact]
    public Task Malformed_templates_are_reported_where_they_go_wrong() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["product:{|CACHE003:{id|}", "product{|CACHE003:}|}", "x:{|CACHE003:{}|}", "x:{|CACHE003:{id.}|}", "{|CACHE003:{1d}|}"])]
                public Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);

    [Fact]
    public async Task An_unclosed_brace_says_so()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "product:{|#0:{id|}")]
                public Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE003").WithLocation(0).WithMessage(
            "Template \"product:{id\": '{' at position 8 is never closed; write placeholders as {param} or {param.Member}"));
        await test.RunAsync();
    }

    [Fact]
    public Task Result_is_not_available_in_Cached_templates() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<Product> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["category:{|CACHE003:{result.Category}|}"])]
                public Task<Product> GetAsync(int id) => Task.FromResult(new Product(id, "c"));
            }
            """ + Model);

    [Fact]
    public Task A_cancellation_token_is_not_a_placeholder() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id, CancellationToken ct); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["{|CACHE003:{ct}|}"])]
                public Task<string> GetAsync(int id, CancellationToken ct) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task Invalidation_tags_may_name_parameters_and_the_result_of_a_task_of_t() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default); ValueTask<Product> RenameAsync(int id); Product Move(int id); }

            public sealed class Catalog : ICatalog
            {
                [InvalidatesCache("product:{id}", "category:{result.Category}", "price:{price}")]
                public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => Task.FromResult(new Product(id, "c"));

                [InvalidatesCache(["product:{result.Id}", "{result}"])]
                public ValueTask<Product> RenameAsync(int id) => new(new Product(id, "c"));

                [InvalidatesCache("product:{result.Id}")]
                public Product Move(int id) => new(id, "c");
            }
            """ + Model);

    [Fact]
    public Task Invalidation_tags_are_checked_element_by_element() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<Product> SetPriceAsync(int id, decimal price); }

            public sealed class Catalog : ICatalog
            {
                [InvalidatesCache("product:{id}", "category:{|CACHE003:{result.Categori}|}", "{|CACHE003:{cost}|}")]
                public Task<Product> SetPriceAsync(int id, decimal price) => Task.FromResult(new Product(id, "c"));
            }
            """ + Model);

    [Fact]
    public async Task Result_of_a_method_that_returns_no_value_is_reported()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface ICatalog { Task DeleteAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [InvalidatesCache("product:{|#0:{result.Id}|}")]
                public Task DeleteAsync(int id) => Task.CompletedTask;
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE003").WithLocation(0).WithMessage(
            "Template \"product:{result.Id}\": {result.Id} cannot be used because 'DeleteAsync' returns no value; use a parameter: {id}"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_template_from_a_constant_or_with_escapes_is_reported_on_the_whole_expression() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                private const string Tag = "product:{productId}";

                [Cached(Tags = [{|CACHE003:Tag|}, {|CACHE003:"\u0070:{pid}"|}])]
                public Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task Verbatim_and_raw_literals_are_reported_on_the_placeholder() =>
        Verify.VerifyAsync(""""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = [@"a:{|CACHE003:{pid}|}", """b:{|CACHE003:{pid}|}"""])]
                public Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """");

    [Fact]
    public Task Literal_text_without_placeholders_is_fine() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); Task ClearAsync(); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Tags = ["products", "product:{id}"], Key = "p:{id}")]
                public Task<string> GetAsync(int id) => Task.FromResult("p");

                [InvalidatesCache("products")]
                public Task ClearAsync() => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Key_placeholders_naming_a_record_or_a_collection_resolve_and_are_keyed_as_groups() =>
        Verify.VerifyAsync("""
            public sealed record Paging(int Page, int Size);
            public sealed record Search(string Text, Paging Paging, IReadOnlyList<string> Brands);

            public interface ICatalog { Task<string> SearchAsync(Search search, int[] ids); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "search:{search.Paging}:{search.Brands}:{ids}:{search.Paging.Size}")]
                public Task<string> SearchAsync(Search search, int[] ids) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_key_placeholder_below_a_group_that_names_nothing_is_reported() =>
        Verify.VerifyAsync("""
            public sealed record Paging(int Page, int Size);
            public sealed record Search(string Text, Paging Paging);

            public interface ICatalog { Task<string> SearchAsync(Search search); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "search:{search.Paging}:{|CACHE003:{search.Paging.Count}|}")]
                public Task<string> SearchAsync(Search search) => Task.FromResult("p");
            }
            """);
}
