using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE005: a parameter of a <c>[Cached]</c> method that enters the key but has no stable key form, decided by the
/// same <see cref="KeyForms"/> table the generator emits key segments from.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyParameterAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoStableKeyForm);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CachedSymbols.TryCreate(start.Compilation) is { } symbols)
            {
                start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, symbols), SymbolKind.Method);
            }
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols)
    {
        if (CachedSymbols.MethodToAnalyze(context.Symbol) is not { } method || symbols.FindCached(method) is null)
        {
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            // A type parameter is CACHE004's business (generic methods are not supported yet), not a key-form problem.
            if (parameter.Type.TypeKind is TypeKind.TypeParameter or TypeKind.Error ||
                !symbols.IsKeyParameter(parameter) ||
                KeyForms.Of(parameter.Type) != KeyForm.None)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoStableKeyForm,
                parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None,
                parameter.Name,
                parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                method.Name));
        }
    }
}
