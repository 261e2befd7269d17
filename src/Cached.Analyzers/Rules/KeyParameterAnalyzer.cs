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
public sealed class KeyParameterAnalyzer : CachedAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoStableKeyForm);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method)
    {
        if (symbols.FindCached(method) is null)
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
