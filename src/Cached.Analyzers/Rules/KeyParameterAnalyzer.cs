using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE005: a value that enters the key of a <c>[Cached]</c> method but has no stable key form, decided by the same
/// <see cref="KeyForms.OfGrouped"/> table the generator emits key segments from. Without a <c>Key</c> template the key
/// values are the key parameters; with one, they are the template's placeholders, and nothing else is keyed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyParameterAnalyzer : CachedAnalyzer
{
    private const string NotCacheKey = "mark it [NotCacheKey] if it does not change the result";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoStableKeyForm);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method)
    {
        if (symbols.FindCached(method) is not { } cached)
        {
            return;
        }

        if (KeyTemplate.Of(cached) is { } template)
        {
            AnalyzeTemplate(context, method, cached, template);
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind == TypeKind.Error || !symbols.IsKeyParameter(parameter) || HasStableForm(parameter.Type))
            {
                continue;
            }

            Report(context, parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None, parameter.Name, parameter.Type, method,
                NotCacheKey);
        }
    }

    /// <summary>Each placeholder of the template is a key value; a name that resolves to nothing is CACHE003's business.</summary>
    private static void AnalyzeTemplate(SymbolAnalysisContext context, IMethodSymbol method, AttributeData cached, string template)
    {
        var scope = PlaceholderScope.ForCached(method);
        var literal = AttributeSyntaxMap.For(cached, context.CancellationToken)?.NamedArgument("Key");
        foreach (var placeholder in KeyTemplate.Placeholders(template))
        {
            if (scope.TypeOf(placeholder.Path!) is not { TypeKind: not TypeKind.Error } type || HasStableForm(type))
            {
                continue;
            }

            var length = template.IndexOf('}', placeholder.Start) - placeholder.Start + 1;
            var location = literal is null ? Location.None : AttributeSyntaxMap.Within(literal, template, placeholder.Start, length);
            Report(context, location, "{" + string.Join(".", placeholder.Path!) + "}", type, method,
                "key a member of it that has one");
        }
    }

    private static bool HasStableForm(ITypeSymbol type) => KeyForms.OfGrouped(type) is not (KeyForm.None or KeyForm.CancellationToken);

    private static void Report(SymbolAnalysisContext context, Location location, string value, ITypeSymbol type, IMethodSymbol method, string alternative) =>
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.NoStableKeyForm,
            location,
            value,
            type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            method.Name,
            Fix(type) + "; otherwise " + alternative));

    /// <summary>What would give <paramref name="type"/> a stable form, as specific as the type allows.</summary>
    private static string Fix(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.TypeParameter)
        {
            return $"'{type.Name}' is a type parameter, which can stand for any type; take the value as a concrete type";
        }

        if (type is INamedTypeSymbol { IsRecord: true, TypeKind: TypeKind.Class, IsSealed: false })
        {
            return "seal the record (a derived record would carry members its key leaves out)";
        }

        if (type is INamedTypeSymbol { IsRecord: true } or INamedTypeSymbol { TypeKind: TypeKind.Struct } &&
            KeyForms.ElementOf(type, out _) is null)
        {
            return HasPrivateState(type)
                ? "make its state public (private fields and properties would be left out of the key) and keep every member a stable form"
                : "keep every public member a string, number, bool, char, enum, Guid, date or time, a sealed record or struct of those, or a collection of them";
        }

        return "pass a string, number, bool, char, enum, Guid, date or time, a sealed record or struct of those, or use an array, list, set or dictionary of them";
    }

    private static bool HasPrivateState(ITypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Any(f =>
            !f.IsStatic && !f.IsConst &&
            (f.AssociatedSymbol is IPropertySymbol property
                ? property.DeclaredAccessibility != Accessibility.Public || property.GetMethod?.DeclaredAccessibility != Accessibility.Public
                : f.DeclaredAccessibility != Accessibility.Public));
}
