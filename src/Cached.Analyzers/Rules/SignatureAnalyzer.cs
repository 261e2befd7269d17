using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE004: <c>[Cached]</c> or <c>[InvalidatesCache]</c> on a method the generator cannot wrap, which it would
/// otherwise call uncached (or without invalidating) in silence; CACHE013: a partial type whose partial methods the
/// generator would implement has no <c>HybridCache</c> to cache through.
/// </summary>
/// <remarks>
/// A method is wrapped one of two ways, as the generator's parsers decide: by the decorator of a non-generic interface
/// it belongs to, or, when it is a partial method definition, by the generator implementing it in its partial type
/// over the user's <c>{Method}Core</c>.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SignatureAnalyzer : CachedAnalyzer
{
    private const string Cached = "Cached";
    private const string InvalidatesCache = "InvalidatesCache";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedSignature, DiagnosticDescriptors.MissingHybridCache);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols)
    {
        base.OnCompilationStart(context, symbols);
        context.RegisterSymbolAction(typeContext => AnalyzeType(typeContext, symbols), SymbolKind.NamedType);
    }

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
            if (method.IsGenericMethod)
            {
                var location = (Location?)declaration?.TypeParameterList?.GetLocation() ?? ServiceShape.NameLocation(method, declaration);
                Report(context, location, method, InvalidatesCache,
                    "generic writes are not supported; declare a non-generic write per type argument, or invalidate through tags from a non-generic method");
            }

            CheckWrappable(context, method, declaration, InvalidatesCache);
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

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                var keyword = parameter.RefKind == RefKind.Ref ? "ref" : "out";
                Report(context, ParameterLocation(parameter, declaration), method, Cached,
                    $"parameter '{parameter.Name}' is passed by {keyword}, and a cached result cannot replay its writes; pass it by value and return what it produced");
            }
        }

        CheckWrappable(context, method, declaration, Cached);
    }

    /// <summary>How the method is wrapped (by the generator in its partial type, or by a decorator), shared by both attributes.</summary>
    private static void CheckWrappable(SymbolAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax? declaration, string attribute)
    {
        if (method.IsPartialDefinition)
        {
            CheckPartial(context, method, declaration, attribute);
        }
        else if (method.IsStatic)
        {
            Report(context, ServiceShape.StaticModifierOrName(method, declaration), method, attribute,
                "it is static, and a decorator can only wrap instance methods; make it an instance method of the service");
        }
        else
        {
            CheckDecorated(context, method, declaration, attribute);
        }
    }

    /// <summary>Partial-method mode: an instance method of a class or struct with a fitting <c>...Core</c> (its <c>HybridCache</c>: <see cref="AnalyzeType"/>).</summary>
    private static void CheckPartial(SymbolAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax? declaration, string attribute)
    {
        var type = method.ContainingType;
        if (method.IsStatic)
        {
            Report(context, ServiceShape.StaticModifierOrName(method, declaration), method, attribute,
                "it is a static partial method, and the generator implements instance partial methods only, over the instance's HybridCache; make it an instance method");
            return;
        }

        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            Report(context, ServiceShape.NameLocation(method, declaration), method, attribute,
                "the generator implements partial methods of classes and structs only; declare it in a partial class");
            return;
        }

        if (PartialMode.CoreProblem(method) is { } problem)
        {
            Report(context, ServiceShape.NameLocation(method, declaration), method, attribute, problem);
        }
    }

    /// <summary>
    /// CACHE013, once per type, on the name of the declaration holding its first attributed instance partial method
    /// (a type action, so that the diagnostic lies in what it analyzes and its code fix applies).
    /// </summary>
    private static void AnalyzeType(SymbolAnalysisContext context, CachedSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsPartialDefinition: true, IsStatic: false } method &&
                (symbols.FindCached(method) is not null || symbols.FindInvalidatesCache(method) is not null))
            {
                if (PartialMode.HasHybridCache(type, symbols.HybridCache))
                {
                    return;
                }

                var location = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken).Parent is TypeDeclarationSyntax declaration
                    ? declaration.Identifier.GetLocation()
                    : type.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingHybridCache, location, type.Name, method.Name));
                return;
            }
        }
    }

    /// <summary>Decorator mode: an interface member of a concrete, non-generic class (or of a non-generic interface).</summary>
    private static void CheckDecorated(SymbolAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax? declaration, string attribute)
    {
        var location = ServiceShape.NameLocation(method, declaration);
        var partialForm = $"make '{method.ContainingType.Name}' partial and declare '[{attribute}] {Accessibility(method)} partial {Display(method.ReturnType)} {method.Name}(...)', with its body in '{method.Name}{PartialMode.CoreSuffix}'";
        if (method.ContainingType is { TypeKind: not TypeKind.Interface, IsAbstract: true } abstractType)
        {
            Report(context, location, method, attribute,
                $"it is declared in abstract class '{abstractType.Name}', which is never registered as a service itself; put the attribute on the method of the concrete class or of the interface");
        }
        else if (!ServiceShape.IsInterfaceMember(method))
        {
            var where = ServiceShape.SoleInterface(method) is { } sole ? $"interface '{sole.Name}'" : "service's interface";
            Report(context, location, method, attribute,
                $"no interface declares it, so no decorator can wrap it; declare it on the {where}, or {partialForm}");
        }
        else if (GenericService(method) is { } generic)
        {
            Report(context, location, method, attribute,
                $"'{generic.Name}' is generic, and decorators are generated for non-generic services only; {partialForm}");
        }
    }

    /// <summary>The generic type (the method's own or one containing it, or its generic interface) that no decorator is generated for.</summary>
    private static INamedTypeSymbol? GenericService(IMethodSymbol method)
    {
        for (var current = method.ContainingType; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return current;
            }
        }

        return null;
    }

    private static string Accessibility(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        _ => "public",
    };

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
