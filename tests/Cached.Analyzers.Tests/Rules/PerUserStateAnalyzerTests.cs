using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.PerUserStateAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class PerUserStateAnalyzerTests
{
    private const string Usings = """
        using System.Security.Claims;
        using Microsoft.AspNetCore.Http;

        """;

    private static string Cart(string members) => Usings + $$"""
        public interface ICart { Task<string> GetAsync(int page); Task<string> ForUserAsync(string userId, int page); }

        public sealed class Cart(IHttpContextAccessor accessor) : ICart
        {
        {{members}}
        }
        """;

    [Fact]
    public async Task Reading_the_user_through_IHttpContextAccessor_is_reported_where_it_is_read()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Cart("""
                [Cached]
                public Task<string> GetAsync(int page) => Task.FromResult({|#0:accessor.HttpContext!.User|}.FindFirstValue("sub") + page);

                public Task<string> ForUserAsync(string userId, int page) => Task.FromResult(userId);
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE010", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'GetAsync' reads HttpContext.User, which differs from one user or request to the next, but its cache key does not: one user's result would be served to others; pass the value it needs (a user id, a tenant) as a parameter, or do not cache the method"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Reading_it_through_a_helper_of_the_class_is_reported_at_the_call()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Cart("""
                private string UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";

                [Cached]
                public Task<string> GetAsync(int page) => Task.FromResult($"{{|#0:UserId|}}:{page}");

                public Task<string> ForUserAsync(string userId, int page) => Task.FromResult(userId);
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE010", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("GetAsync", "HttpContext.User (through 'UserId')"));
        await test.RunAsync();
    }

    [Fact]
    public Task Session_cookies_and_headers_are_per_request_state() =>
        Verify.VerifyAsync(Cart("""
                [Cached]
                public Task<string> GetAsync(int page) => Task.FromResult({|CACHE010:accessor.HttpContext!.Request.Headers|}["X-Tenant"].ToString());

                [Cached]
                public Task<string> ForUserAsync(string userId, int page) => Task.FromResult(userId + {|CACHE010:accessor.HttpContext!.Session|}.GetString("theme"));
            """));

    [Fact]
    public Task A_NotCacheKey_principal_parameter_is_not_in_the_key() =>
        Verify.VerifyAsync(Usings + """
            public interface IOrders { Task<int> CountAsync([NotCacheKey] ClaimsPrincipal user); }

            public sealed class Orders : IOrders
            {
                [Cached]
                public Task<int> CountAsync([NotCacheKey] ClaimsPrincipal user) => Task.FromResult({|CACHE010:user.Identity|}!.Name!.Length);
            }
            """);

    [Fact]
    public Task A_principal_parameter_left_out_of_a_key_template_is_not_in_the_key() =>
        Verify.VerifyAsync(Usings + """
            public interface IOrders { Task<int> CountAsync(int page, ClaimsPrincipal user); Task<int> ByNameAsync(string name, ClaimsPrincipal user); }

            public sealed class Orders : IOrders
            {
                [Cached(Key = "orders:{page}")]
                public Task<int> CountAsync(int page, ClaimsPrincipal user) => Task.FromResult({|CACHE010:user.Identity|}!.Name!.Length + page);

                [Cached(Key = "orders:{name}")]
                public Task<int> ByNameAsync(string name, ClaimsPrincipal user) => Task.FromResult(name.Length);
            }
            """);

    [Fact]
    public Task A_user_id_passed_as_a_key_parameter_is_fine() =>
        Verify.VerifyAsync(Cart("""
                public Task<string> GetAsync(int page) => ForUserAsync(accessor.HttpContext!.User.FindFirstValue("sub")!, page);

                [Cached]
                public Task<string> ForUserAsync(string userId, int page) => Task.FromResult(userId + page);
            """));

    [Fact]
    public Task Per_request_values_that_are_not_per_user_are_fine() =>
        Verify.VerifyAsync(Cart("""
                [Cached]
                public async Task<string> GetAsync(int page)
                {
                    var aborted = accessor.HttpContext?.RequestAborted ?? CancellationToken.None;
                    await Task.Delay(0, aborted);
                    return accessor.HttpContext?.TraceIdentifier + page;
                }

                public Task<string> ForUserAsync(string userId, int page) => Task.FromResult(userId);
            """));

    [Fact]
    public Task Methods_that_are_not_cached_may_read_the_user() =>
        Verify.VerifyAsync(Cart("""
                public Task<string> GetAsync(int page) => Task.FromResult(accessor.HttpContext!.User.Identity!.Name!);

                public Task<string> ForUserAsync(string userId, int page) => Task.FromResult(userId);
            """));
}
