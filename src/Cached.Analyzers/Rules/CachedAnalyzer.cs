using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// What every Cached rule does before it looks at anything: skip generated code, run concurrently, and resolve the
/// attribute types once per compilation (a compilation that does not reference Cached has nothing to check).
/// </summary>
/// <remarks>
/// A rule that checks one method at a time overrides <see cref="AnalyzeMethod"/>; a rule that needs more (operations,
/// a whole type, the whole compilation) overrides <see cref="OnCompilationStart"/>.
/// </remarks>
public abstract class CachedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CachedSymbols.TryCreate(start.Compilation) is { } symbols)
            {
                OnCompilationStart(start, symbols);
            }
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references Cached. By default, one action per method.</summary>
    private protected virtual void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols) =>
        context.RegisterSymbolAction(
            symbolContext =>
            {
                if (CachedSymbols.MethodToAnalyze(symbolContext.Symbol) is { } method)
                {
                    AnalyzeMethod(symbolContext, symbols, method);
                }
            },
            SymbolKind.Method);

    /// <summary>Checks one method (for a partial method, its defining part only, so nothing is reported twice).</summary>
    private protected virtual void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method)
    {
    }
}
