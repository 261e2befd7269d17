using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE009: the result of a <c>[Cached]</c> method is of a mutable type, so L1 copies it on every hit rather than
/// sharing one instance (see <see cref="Mutability"/> for what counts). Reported on the return type, where the
/// attribute is written.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableResultAnalyzer : CachedAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MutableResult);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols)
    {
        var mutability = new Mutability(context.Compilation);
        context.RegisterSymbolAction(
            symbolContext =>
            {
                if (CachedSymbols.MethodToAnalyze(symbolContext.Symbol) is not { } method ||
                    symbols.FindCached(method) is not { } attribute ||
                    symbols.ResultType(method) is not { } result ||
                    symbols.IsAsyncEnumerable(method.ReturnType) ||
                    mutability.Reason(result) is not { } reason)
                {
                    return;
                }

                var declaration = ServiceShape.Declaration(method, AttributeSyntaxMap.For(attribute, symbolContext.CancellationToken), symbolContext.CancellationToken);
                symbolContext.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MutableResult,
                    declaration?.ReturnType.GetLocation() ?? ServiceShape.NameLocation(method, declaration),
                    method.Name,
                    result.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    reason));
            },
            SymbolKind.Method);
    }
}
