using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached.Analyzers.Model;

/// <summary>
/// The generator's partial-method mode, as its parser decides it: an attributed partial method definition of a partial
/// class or struct is implemented by the generator over the user's <c>{Method}Core</c> method, caching through the
/// type's own <c>HybridCache</c> (a field, a property or a primary-constructor parameter).
/// </summary>
internal static class PartialMode
{
    /// <summary>The suffix of the method the user writes the body in.</summary>
    public const string CoreSuffix = "Core";

    /// <summary>Whether the generator, not a decorator, implements <paramref name="method"/>.</summary>
    public static bool IsPartial(IMethodSymbol method) => method.IsPartialDefinition || method.PartialDefinitionPart is not null;

    /// <summary>
    /// Whether <paramref name="type"/> has a <c>HybridCache</c> the generated code can use: its own or an inherited
    /// non-private field or property, or a primary-constructor parameter.
    /// </summary>
    public static bool HasHybridCache(INamedTypeSymbol type, INamedTypeSymbol? hybridCache)
    {
        if (hybridCache is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared ||
                    (!SymbolEqualityComparer.Default.Equals(current, type) && member.DeclaredAccessibility == Accessibility.Private))
                {
                    continue;
                }

                var memberType = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (memberType is not null && IsHybridCache(memberType, hybridCache))
                {
                    return true;
                }
            }
        }

        return type.InstanceConstructors.Any(constructor =>
            constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax) &&
            constructor.Parameters.Any(p => IsHybridCache(p.Type, hybridCache)));
    }

    /// <summary>
    /// Why the <c>{Method}Core</c> method that <paramref name="method"/>'s generated implementation calls is missing or
    /// does not fit (same type parameters, parameters and return type), or <c>null</c> when it fits. Like the generated
    /// call, it finds a non-private one of a base class too.
    /// </summary>
    public static string? CoreProblem(IMethodSymbol method)
    {
        var name = method.Name + CoreSuffix;
        var candidates = new List<IMethodSymbol>();
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            candidates.AddRange(type.GetMembers(name).OfType<IMethodSymbol>()
                .Where(m => SymbolEqualityComparer.Default.Equals(type, method.ContainingType) || m.DeclaredAccessibility != Accessibility.Private));
        }

        if (candidates.Any(c => Fits(c, method)))
        {
            return null;
        }

        var signature = method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + name +
                        (method.IsGenericMethod ? "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">" : string.Empty) +
                        "(" + string.Join(", ", method.Parameters.Select(Display)) + ")";
        return candidates.Count == 0
            ? $"the generated '{method.Name}' runs '{name}' on a miss, and there is none; write the body as '{signature}'"
            : $"'{name}' does not match it, so the generated '{method.Name}' cannot call it; declare it as '{signature}', with the same parameters and return type";
    }

    private static string Display(IParameterSymbol parameter) =>
        (parameter.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", _ => string.Empty }) +
        parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + parameter.Name;

    private static bool Fits(IMethodSymbol core, IMethodSymbol method)
    {
        if (core.Arity != method.Arity || core.Parameters.Length != method.Parameters.Length)
        {
            return false;
        }

        var constructed = core.IsGenericMethod ? core.Construct(method.TypeParameters.Cast<ITypeSymbol>().ToArray()) : core;
        if (!SymbolEqualityComparer.Default.Equals(constructed.ReturnType, method.ReturnType))
        {
            return false;
        }

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            if (constructed.Parameters[i].RefKind != method.Parameters[i].RefKind ||
                !SymbolEqualityComparer.Default.Equals(constructed.Parameters[i].Type, method.Parameters[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHybridCache(ITypeSymbol type, INamedTypeSymbol hybridCache)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, hybridCache))
            {
                return true;
            }
        }

        return false;
    }
}
