using System.Text;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Analyzers.Tests.Verification;

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> over a source with diagnostic markup (<c>{|CACHE002:"10 min"|}</c>) and
/// checks that exactly the marked diagnostics are reported, and that the source otherwise compiles.
/// </summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test();
        test.TestState.Sources.Add(SourceText.From(source, Encoding.UTF8));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A diagnostic expected at a location given explicitly (when markup would be ambiguous).</summary>
    public static DiagnosticResult Diagnostic(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestCompilation.NoPackages;
            TestCompilation.Configure(TestState);
        }
    }
}
