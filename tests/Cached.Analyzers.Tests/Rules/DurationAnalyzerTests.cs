using Cached.Analyzers.Rules;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.DurationAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class DurationAnalyzerTests
{
    private const string Service = """
        public interface ICatalog { Task<string> GetAsync(int id); }

        public sealed class Catalog : ICatalog
        {
            [Cached(ATTRIBUTE_ARGUMENTS)]
            public Task<string> GetAsync(int id) => Task.FromResult("p");
        }
        """;

    private static string With(string arguments) => Service.Replace("ATTRIBUTE_ARGUMENTS", arguments, StringComparison.Ordinal);

    [Fact]
    public Task A_ttl_that_is_not_a_duration_is_an_error_on_the_literal() =>
        Verify.VerifyAsync(With("""Ttl = {|CACHE002:"10 min"|}"""));

    [Fact]
    public Task A_jitter_that_is_not_a_duration_is_an_error_on_the_literal() =>
        Verify.VerifyAsync(With("""Ttl = "10m", Jitter = {|CACHE002:"abc"|}"""));

    [Fact]
    public async Task The_message_quotes_the_value_and_lists_the_accepted_forms()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(With("""Ttl = {|#0:"10 min"|}"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE002").WithLocation(0).WithMessage(
            "Ttl \"10 min\" is not a duration; write it as \"500ms\", \"30s\", \"5m\", \"2h\", \"1d\" or \"hh:mm:ss\""));
        await test.RunAsync();
    }

    [Fact]
    public Task A_duration_from_a_constant_is_reported_on_the_constant_reference() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                private const string Long = "forever";

                [Cached(Ttl = {|CACHE002:Long|})]
                public Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);

    [Theory]
    [InlineData("1.5h")]
    [InlineData("500ms")]
    [InlineData("30s")]
    [InlineData("1d")]
    [InlineData("00:10:00")]
    [InlineData(" 5m ")]
    public Task Every_accepted_form_is_valid(string ttl) =>
        Verify.VerifyAsync(With($"Ttl = \"{ttl}\""));

    [Fact]
    public Task No_ttl_at_all_uses_the_configured_default() =>
        Verify.VerifyAsync(With("Tags = [\"product:{id}\"]"));

    [Fact]
    public Task A_jitter_as_long_as_the_ttl_is_a_warning_on_the_jitter() =>
        Verify.VerifyAsync(With("""Ttl = "1m", Jitter = {|CACHE007:"60s"|}"""));

    [Fact]
    public async Task The_jitter_warning_quotes_both_values()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(With("""Ttl = "1m", Jitter = {|#0:"2m"|}"""));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(
                "CACHE007", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("2m", "1m"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("10m", "10m")]
    [InlineData("00:00:30", "1m")]
    [InlineData("1h", "1d")]
    public Task A_jitter_equal_to_or_above_the_ttl_in_any_form_is_a_warning(string ttl, string jitter) =>
        Verify.VerifyAsync(With($"Ttl = \"{ttl}\", Jitter = {{|CACHE007:\"{jitter}\"|}}"));

    [Fact]
    public Task A_jitter_smaller_than_the_ttl_is_fine() =>
        Verify.VerifyAsync(With("""Ttl = "10m", Jitter = "59s" """));

    [Fact]
    public Task A_jitter_without_a_ttl_is_not_compared_with_the_configured_default() =>
        Verify.VerifyAsync(With("""Jitter = "10m" """));

    [Fact]
    public Task A_zero_jitter_is_fine_whatever_the_ttl() =>
        Verify.VerifyAsync(With("""Ttl = "0s", Jitter = "0s" """));

    [Fact]
    public Task A_bad_ttl_is_not_also_compared_with_the_jitter() =>
        Verify.VerifyAsync(With("""Ttl = {|CACHE002:"1 minute"|}, Jitter = "5m" """));

    [Fact]
    public Task A_partial_method_is_reported_once() =>
        Verify.VerifyAsync("""
            public sealed partial class Catalog
            {
                [Cached(Ttl = {|CACHE002:"soon"|})]
                public partial Task<string> GetAsync(int id);

                public partial Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);
}
