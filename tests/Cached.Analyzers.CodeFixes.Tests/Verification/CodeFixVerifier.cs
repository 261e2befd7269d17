using System.Text;
using Cached.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Analyzers.CodeFixes.Tests.Verification;

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> over a source with diagnostic markup, applies <typeparamref name="TCodeFix"/>
/// and compares with the fixed source; when the fixed source equals the source, checks that no fix is offered.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyFixAsync(string source, string fixedSource) => VerifyFixAsync(new Test(), source, fixedSource);

    /// <summary>Runs <paramref name="test"/> (a <see cref="Test"/> that sees more, such as the generator) over the sources.</summary>
    public static Task VerifyFixAsync(Test test, string source, string fixedSource)
    {
        test.TestState.Sources.Add(SourceText.From(source, Encoding.UTF8));
        test.FixedState.Sources.Add(SourceText.From(fixedSource, Encoding.UTF8));
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    public class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestCompilation.NoPackages;
            TestCompilation.Configure(TestState);
            TestCompilation.AddGlobalUsings(FixedState);
        }
    }
}
