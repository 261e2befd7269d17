using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.KeyParameterAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class KeyParameterAnalyzerTests
{
    [Fact]
    public Task A_parameter_without_a_stable_key_form_is_reported_on_the_parameter() =>
        Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public interface ICatalog { Task<string> GetAsync(int id, HttpContext ctx); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> GetAsync(int id, HttpContext {|CACHE005:ctx|}) => Task.FromResult("p");
            }
            """);

    [Fact]
    public async Task The_message_names_the_parameter_and_type_and_suggests_NotCacheKey()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public record ProductQuery(string Category, int Page);

            public interface ICatalog { Task<string> SearchAsync(ProductQuery query); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> SearchAsync(ProductQuery {|#0:query|}) => Task.FromResult("p");
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE005").WithLocation(0).WithMessage(
            "Key value 'query' of 'SearchAsync' has type 'ProductQuery', which has no stable cache-key form; seal the record (a derived record would carry members its key leaves out); otherwise mark it [NotCacheKey] if it does not change the result"));
        await test.RunAsync();
    }

    [Fact]
    public Task Objects_and_collections_of_them_are_reported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> ManyAsync(object[] items, List<object> names, object tag, int? page); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> ManyAsync(object[] {|CACHE005:items|}, List<object> {|CACHE005:names|}, object {|CACHE005:tag|}, int? page) =>
                    Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_NotCacheKey_parameter_is_exempt() =>
        Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public interface ICatalog { Task<string> GetAsync(int id, HttpContext ctx); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> GetAsync(int id, [NotCacheKey] HttpContext ctx) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task Every_supported_key_type_and_the_cancellation_token_are_fine() =>
        Verify.VerifyAsync("""
            public enum Sort { Name, Price }

            public interface ICatalog
            {
                Task<string> GetAsync(string s, bool b, char c, byte u8, short i16, int i32, long i64, ulong u64, float f, double d,
                    decimal m, DateTime dt, DateTimeOffset dto, DateOnly day, TimeOnly time, TimeSpan span, Guid g, Sort sort,
                    int? maybe, Sort? maybeSort, Guid? maybeGuid, CancellationToken ct);
            }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> GetAsync(string s, bool b, char c, byte u8, short i16, int i32, long i64, ulong u64, float f, double d,
                    decimal m, DateTime dt, DateTimeOffset dto, DateOnly day, TimeOnly time, TimeSpan span, Guid g, Sort sort,
                    int? maybe, Sort? maybeSort, Guid? maybeGuid, CancellationToken ct) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task Parameters_of_methods_without_Cached_are_not_checked() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(object o); Task SetAsync(object o); }

            public sealed class Catalog : ICatalog
            {
                public Task<string> GetAsync(object o) => Task.FromResult("p");

                [InvalidatesCache("all")]
                public Task SetAsync(object o) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Arrays_lists_sets_and_dictionaries_of_stable_forms_are_keyed_as_groups() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                Task<string> ManyAsync(int[] ids, List<string> names, IReadOnlySet<Guid> owners, Dictionary<string, int?> counts, IReadOnlyList<DateOnly> days);
            }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> ManyAsync(int[] ids, List<string> names, IReadOnlySet<Guid> owners, Dictionary<string, int?> counts, IReadOnlyList<DateOnly> days) =>
                    Task.FromResult("p");
            }
            """);

    [Fact]
    public Task Sealed_records_and_structs_of_stable_forms_are_keyed_as_groups() =>
        Verify.VerifyAsync("""
            public enum Sort { Name, Price }
            public sealed record Filter(string Field, string Value);
            public sealed record ProductQuery(string Category, int Page, Sort Sort, IReadOnlyList<Filter> Filters);
            public readonly record struct Range(decimal From, decimal To);

            public interface ICatalog { Task<string> SearchAsync(ProductQuery query, Range? price); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> SearchAsync(ProductQuery query, Range? price) => Task.FromResult("p");
            }
            """);

    [Fact]
    public async Task A_record_with_private_state_is_reported_and_told_to_make_it_public()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public sealed record ProductQuery(string Category)
            {
                private int _page;
                public void Next() => _page++;
            }

            public interface ICatalog { Task<string> SearchAsync(ProductQuery query); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> SearchAsync(ProductQuery {|#0:query|}) => Task.FromResult("p");
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE005").WithLocation(0).WithMessage(
            "Key value 'query' of 'SearchAsync' has type 'ProductQuery', which has no stable cache-key form; make its state public (private fields and properties would be left out of the key) and keep every member a stable form; otherwise mark it [NotCacheKey] if it does not change the result"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_type_parameter_key_value_is_reported()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface IStore { Task<string> GetAsync<TId>(TId id); }

            public sealed class Store : IStore
            {
                [Cached]
                public Task<string> GetAsync<TId>(TId {|#0:id|}) => Task.FromResult("p");
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE005").WithLocation(0).WithMessage(
            "Key value 'id' of 'GetAsync' has type 'TId', which has no stable cache-key form; 'TId' is a type parameter, which can stand for any type; take the value as a concrete type; otherwise mark it [NotCacheKey] if it does not change the result"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_type_parameter_that_is_not_in_the_key_is_fine() =>
        Verify.VerifyAsync("""
            public interface IStore { Task<T?> GetAsync<T>(int id, [NotCacheKey] T? fallback); }

            public sealed class Store : IStore
            {
                [Cached]
                public Task<T?> GetAsync<T>(int id, [NotCacheKey] T? fallback) => Task.FromResult(fallback);
            }
            """);

    [Fact]
    public Task With_a_key_template_only_its_placeholders_are_keyed() =>
        Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public interface ICatalog { Task<string> GetAsync(int id, HttpContext context, object options); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "product:{id}")]
                public Task<string> GetAsync(int id, HttpContext context, object options) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_key_template_placeholder_resolving_to_a_record_or_collection_is_keyed_as_a_group() =>
        Verify.VerifyAsync("""
            public sealed record Paging(int Page, int Size);
            public sealed class Request { public Paging Paging { get; init; } = new(1, 10); public List<string> Tags { get; init; } = []; public object? State { get; init; } }

            public interface ICatalog { Task<string> SearchAsync(Request request); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "search:{request.Paging}:{request.Tags}")]
                public Task<string> SearchAsync(Request request) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task Key_template_placeholders_without_a_stable_form_are_reported_on_the_placeholder() =>
        Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public sealed class Request { public object? State { get; init; } public HttpContext? Context { get; init; } public int Id { get; init; } }

            public interface ICatalog { Task<string> SearchAsync(Request request, HttpContext context); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "search:{|CACHE005:{request.State}|}:{request.Id}:{|CACHE005:{context}|}")]
                public Task<string> SearchAsync(Request request, HttpContext context) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_non_sealed_record_is_reported() =>
        Verify.VerifyAsync("""
            public record ProductQuery(string Category, int Page);

            public interface ICatalog { Task<string> SearchAsync(ProductQuery query); }

            public sealed class Catalog : ICatalog
            {
                [Cached(Key = "q:{|CACHE005:{query}|}")]
                public Task<string> SearchAsync(ProductQuery query) => Task.FromResult("p");

                [Cached]
                public Task<string> OtherAsync(ProductQuery {|CACHE005:query|}) => Task.FromResult("p");
            }
            """);
}
