using System.Text;
using Cached.Analyzers.Rules;
using Cached.Analyzers.Tests.Verification;
using Cached.Generator;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Analyzers.CodeFixes.Tests.Verification;

/// <summary>
/// Verifies a fix that moves a method to partial-method mode: the source generator runs over the source and the fixed
/// source, so the fixed code must compile with the generated partial implementations, and the rules about that mode
/// (CACHE004, CACHE013) run next to CACHE011, so the fixed code must satisfy all of them.
/// </summary>
public static class PartialModeVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyFixAsync(string source, string fixedSource)
    {
        var test = new Test();
        test.TestState.Sources.Add(SourceText.From(source, Encoding.UTF8));
        test.FixedState.Sources.Add(SourceText.From(fixedSource, Encoding.UTF8));
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<SelfCallAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestCompilation.NoPackages;
            TestCompilation.Configure(TestState);
            TestCompilation.AddGlobalUsings(FixedState);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(CachedGenerator)];

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            [new SelfCallAnalyzer(), new SignatureAnalyzer()];
    }
}
