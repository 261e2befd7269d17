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
            "Parameter 'query' of 'SearchAsync' has type 'ProductQuery', which has no stable cache-key form; mark it [NotCacheKey] if it does not change the result, or pass a string, number, bool, char, enum, Guid, date or time instead"));
        await test.RunAsync();
    }

    [Fact]
    public Task Collections_and_objects_are_reported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> ManyAsync(int[] ids, List<string> names, object tag, int? page); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<string> ManyAsync(int[] {|CACHE005:ids|}, List<string> {|CACHE005:names|}, object {|CACHE005:tag|}, int? page) =>
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
}
