using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.SelfCallAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class SelfCallAnalyzerTests
{
    private static string Catalog(string summaryBody) => $$"""
        public interface ICatalog
        {
            Task<string> GetAsync(int id);
            Task<string> SummaryAsync(int id);
        }

        public sealed class Catalog : ICatalog
        {
            [Cached(Tags = ["product:{id}"])]
            public Task<string> GetAsync(int id) => Task.FromResult("p" + id);

            public async Task<string> SummaryAsync(int id)
            {
                {{summaryBody}}
            }
        }
        """;

    [Fact]
    public async Task An_implicit_this_call_is_reported_and_says_it_is_not_cached()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("return \"summary of \" + await {|#0:GetAsync(id)|};"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE011", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'SummaryAsync' calls [Cached] 'GetAsync' on this instance, which bypasses the generated decorator, so the call is not cached; call it through the service interface, or declare 'GetAsync' as a partial [Cached] method"));
        await test.RunAsync();
    }

    [Fact]
    public Task An_explicit_this_call_is_reported() =>
        Verify.VerifyAsync(Catalog("return await {|CACHE011:this.GetAsync(id)|};"));

    [Fact]
    public Task A_call_through_a_cast_to_the_interface_is_reported() =>
        Verify.VerifyAsync(Catalog("return await {|CACHE011:((ICatalog)this).GetAsync(id)|};"));

    [Fact]
    public Task A_call_in_a_lambda_is_reported_for_the_enclosing_method() =>
        Verify.VerifyAsync(Catalog("""
            var all = await Task.WhenAll(new[] { 1, 2 }.Select(i => {|CACHE011:GetAsync(i)|}));
                    return string.Join(",", all);
            """).Replace("public interface ICatalog", "using System.Linq;\npublic interface ICatalog", StringComparison.Ordinal));

    [Fact]
    public Task A_call_through_an_injected_interface_is_cached_and_not_reported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }
            public interface IStorefront { Task<string> BannerAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached] public Task<string> GetAsync(int id) => Task.FromResult("p");
            }

            public sealed class Storefront(ICatalog catalog) : IStorefront
            {
                public async Task<string> BannerAsync(int id) => "banner " + await catalog.GetAsync(id);
            }
            """);

    [Fact]
    public Task A_call_on_another_instance_of_the_class_is_not_a_self_call() =>
        Verify.VerifyAsync(Catalog("return await new Catalog().GetAsync(id);"));

    [Fact]
    public Task A_call_to_a_method_that_is_not_cached_is_fine() =>
        Verify.VerifyAsync(Catalog("return await SummaryCoreAsync(id);").Replace("    public async Task<string> SummaryAsync", "    private Task<string> SummaryCoreAsync(int id) => Task.FromResult(\"s\");\n\n    public async Task<string> SummaryAsync", StringComparison.Ordinal));

    [Fact]
    public Task A_partial_cached_method_is_cached_for_this_instance_too() =>
        Verify.VerifyAsync("""
            public sealed partial class Catalog
            {
                [Cached]
                public partial Task<string> GetAsync(int id);

                public partial Task<string> GetAsync(int id) => Task.FromResult("p");

                public async Task<string> SummaryAsync(int id) => "summary " + await GetAsync(id);
            }
            """);
}
