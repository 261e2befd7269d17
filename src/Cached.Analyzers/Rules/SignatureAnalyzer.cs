using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE004: <c>[Cached]</c> or <c>[InvalidatesCache]</c> on a method the generator cannot wrap, which it would
/// otherwise call uncached (or without invalidating) in silence.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SignatureAnalyzer : CachedAnalyzer
{
    private const string Cached = "Cached";
    private const string InvalidatesCache = "InvalidatesCache";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedSignature);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method)
    {
        if (symbols.FindCached(method) is { } cached)
        {
            AnalyzeCached(context, symbols, method, cached);
        }

        if (symbols.FindInvalidatesCache(method) is { } invalidates)
        {
            var declaration = ServiceShape.Declaration(method, AttributeSyntaxMap.For(invalidates, context.CancellationToken), context.CancellationToken);
            if (method.IsStatic)
            {
                Report(context, ServiceShape.StaticModifierOrName(method, declaration), method, InvalidatesCache,
                    "it is static, and a decorator can only wrap instance methods; make it an instance method of the service");
            }
            else
            {
                CheckWrappable(context, method, declaration, InvalidatesCache);
            }
        }
    }

    private static void AnalyzeCached(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method, AttributeData attribute)
    {
        var declaration = ServiceShape.Declaration(method, AttributeSyntaxMap.For(attribute, context.CancellationToken), context.CancellationToken);
        var returnTypeLocation = declaration?.ReturnType.GetLocation() ?? ServiceShape.NameLocation(method, declaration);

        if (symbols.IsAsyncEnumerable(method.ReturnType))
        {
            Report(context, returnTypeLocation, method, Cached,
                $"it streams '{Display(method.ReturnType)}', which cannot be cached; return Task<IReadOnlyList<{Display(((INamedTypeSymbol)method.ReturnType).TypeArguments[0])}>> instead");
        }
        else if (symbols.ResultType(method) is null)
        {
            Report(context, returnTypeLocation, method, Cached,
                $"it returns '{Display(method.ReturnType)}', so there is no result to cache; return Task<T>, ValueTask<T> or a value, or use [InvalidatesCache] on a write");
        }

        if (method.IsGenericMethod)
        {
            var location = (Location?)declaration?.TypeParameterList?.GetLocation() ?? ServiceShape.NameLocation(method, declaration);
            Report(context, location, method, Cached,
                "generic methods are not supported yet; declare a non-generic method per type argument you cache");
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                var keyword = parameter.RefKind == RefKind.Ref ? "ref" : "out";
                Report(context, ParameterLocation(parameter, declaration), method, Cached,
                    $"parameter '{parameter.Name}' is passed by {keyword}, and a cached result cannot replay its writes; pass it by value and return what it produced");
            }
        }

        if (method.IsStatic)
        {
            Report(context, ServiceShape.StaticModifierOrName(method, declaration), method, Cached,
                "it is static, and a decorator can only wrap instance methods; make it an instance method of the service");
        }
        else
        {
            CheckWrappable(context, method, declaration, Cached);
        }
    }

    /// <summary>The "interface member of a concrete class" rule, shared by both attributes.</summary>
    private static void CheckWrappable(SymbolAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax? declaration, string attribute)
    {
        var location = ServiceShape.NameLocation(method, declaration);
        if (method.ContainingType is { TypeKind: not TypeKind.Interface, IsAbstract: true } abstractType)
        {
            Report(context, location, method, attribute,
                $"it is declared in abstract class '{abstractType.Name}', which is never registered as a service itself; put the attribute on the method of the concrete class or of the interface");
        }
        else if (!ServiceShape.IsInterfaceMember(method))
        {
            var where = ServiceShape.SoleInterface(method) is { } sole ? $"interface '{sole.Name}'" : "service's interface";
            Report(context, location, method, attribute,
                $"no interface declares it, so no decorator can wrap it; declare it on the {where}");
        }
    }

    private static Location ParameterLocation(IParameterSymbol parameter, MethodDeclarationSyntax? declaration)
    {
        if (declaration is not null && parameter.Ordinal < declaration.ParameterList.Parameters.Count)
        {
            return declaration.ParameterList.Parameters[parameter.Ordinal].GetLocation();
        }

        return parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None;
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static void Report(SymbolAnalysisContext context, Location location, IMethodSymbol method, string attribute, string reason) =>
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedSignature, location, method.Name, attribute, reason));
}
