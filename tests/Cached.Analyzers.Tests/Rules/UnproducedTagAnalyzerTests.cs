using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.UnproducedTagAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class UnproducedTagAnalyzerTests
{
    private static string Catalog(string invalidation) => $$"""
        public interface ICatalog
        {
            Task<string> GetAsync(int id);
            Task<IReadOnlyList<string>> ByCategoryAsync(string category, int page);
            Task<int> CountAsync();
            Task SetAsync(int id, string category);
        }

        public sealed class Catalog : ICatalog
        {
            [Cached(Tags = ["product:{id}"])]
            public Task<string> GetAsync(int id) => Task.FromResult("p");

            [Cached(Tags = ["category:{category}:page:{page}", "catalog"])]
            public Task<IReadOnlyList<string>> ByCategoryAsync(string category, int page) => Task.FromResult<IReadOnlyList<string>>([]);

            [Cached]
            public Task<int> CountAsync() => Task.FromResult(0);

            {{invalidation}}
            public Task SetAsync(int id, string category) => Task.CompletedTask;
        }
        """;

    [Fact]
    public async Task A_typo_in_the_literal_part_is_reported_with_the_likely_intent()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""[InvalidatesCache({|#0:"prodcut:{id}"|})]"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE008", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "Tag \"prodcut:{id}\" is not produced by any [Cached] method, so invalidating it evicts nothing; did you mean \"product:{id}\"?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_tag_unlike_any_other_lists_the_tags_there_are()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Catalog("""[InvalidatesCache("product:{id}", {|#0:"inventory:warehouse:{id}"|})]"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE008", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "Tag \"inventory:warehouse:{id}\" is not produced by any [Cached] method, so invalidating it evicts nothing; cached methods produce \"catalog\", \"category:{category}:page:{page}\", \"product:{id}\""));
        await test.RunAsync();
    }

    [Fact]
    public Task A_tag_with_fewer_segments_than_the_cached_one_is_reported() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache({|CACHE008:"category:{category}"|})]"""));

    [Fact]
    public Task A_literal_tag_that_differs_by_a_letter_is_reported() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache({|CACHE008:"catalogs"|}, "product:{id}")]"""));

    [Fact]
    public Task Templates_of_the_same_shape_with_other_placeholder_names_are_produced() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache("product:{id}", "category:{category}:page:{id}", "catalog")]"""));

    [Fact]
    public Task A_literal_value_in_place_of_a_placeholder_is_produced() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache("product:42", "category:books:page:1")]"""));

    [Fact]
    public Task Methods_entries_and_malformed_templates_are_not_this_rule_s_business() =>
        Verify.VerifyAsync(Catalog("""[InvalidatesCache("product:{id", Methods = [nameof(CountAsync)])]"""));

    [Fact]
    public Task Nothing_is_reported_when_no_cached_tag_is_visible() =>
        Verify.VerifyAsync("""
            public interface IOrders { Task PlaceAsync(int id); }

            public sealed class Orders : IOrders
            {
                [InvalidatesCache("product:{id}")]
                public Task PlaceAsync(int id) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Tags_produced_on_an_interface_method_count() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                [Cached(Tags = ["product:{id}"])] Task<string> GetAsync(int id);
                [InvalidatesCache("product:{id}")] Task SetAsync(int id);
            }
            """);
}
