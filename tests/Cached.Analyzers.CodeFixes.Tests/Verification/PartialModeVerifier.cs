using Cached.Analyzers.Rules;
using Cached.Generator;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Cached.Analyzers.CodeFixes.Tests.Verification;

/// <summary>
/// Verifies a fix that moves a method to partial-method mode: the source generator runs over the source and the fixed
/// source, so the fixed code must compile with the generated partial implementations, and the rules about that mode
/// (CACHE004, CACHE013) run next to CACHE011, so the fixed code must satisfy all of them.
/// </summary>
public static class PartialModeVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyFixAsync(string source, string fixedSource) =>
        CodeFixVerifier<SelfCallAnalyzer, TCodeFix>.VerifyFixAsync(new Test(), source, fixedSource);

    public sealed class Test : CodeFixVerifier<SelfCallAnalyzer, TCodeFix>.Test
    {
        public Test() => TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(CachedGenerator)];

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            [new SelfCallAnalyzer(), new SignatureAnalyzer()];
    }
}
