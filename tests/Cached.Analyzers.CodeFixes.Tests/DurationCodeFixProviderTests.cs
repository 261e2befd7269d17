using Cached.Analyzers.Rules;
using Verify = Cached.Analyzers.CodeFixes.Tests.Verification.CodeFixVerifier<
    Cached.Analyzers.Rules.DurationAnalyzer,
    Cached.Analyzers.CodeFixes.DurationCodeFixProvider>;

namespace Cached.Analyzers.CodeFixes.Tests;

public class DurationCodeFixProviderTests
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
    public Task Ten_min_is_rewritten_to_10m() =>
        Verify.VerifyFixAsync(With("""Ttl = {|CACHE002:"10 min"|}"""), With("""Ttl = "10m" """.TrimEnd()));

    [Theory]
    [InlineData("10 minutes", "10m")]
    [InlineData("10mins", "10m")]
    [InlineData("2 hours", "2h")]
    [InlineData("30 sec", "30s")]
    [InlineData("1 day", "1d")]
    [InlineData("500 ms", "500ms")]
    [InlineData("1.5 Hours", "1.5h")]
    [InlineData("5 S", "5s")]
    public Task A_spoken_duration_is_rewritten_to_its_canonical_form(string spoken, string canonical) =>
        Verify.VerifyFixAsync(
            With($"Ttl = \"2d\", Jitter = {{|CACHE002:\"{spoken}\"|}}"),
            With($"Ttl = \"2d\", Jitter = \"{canonical}\""));

    [Theory]
    [InlineData("abc")]
    [InlineData("10")]
    [InlineData("10 M")]
    [InlineData("ten minutes")]
    [InlineData("-5m")]
    [InlineData("10 fortnights")]
    public Task No_fix_is_offered_without_an_obvious_intent(string value) =>
        Verify.VerifyNoFixAsync(With($"Ttl = {{|CACHE002:\"{value}\"|}}"));

    [Fact]
    public Task Fix_all_rewrites_ttl_and_jitter_together() =>
        Verify.VerifyFixAsync(
            With("""Ttl = {|CACHE002:"2 hours"|}, Jitter = {|CACHE002:"10 min"|}"""),
            With("""Ttl = "2h", Jitter = "10m" """.TrimEnd()));
}
