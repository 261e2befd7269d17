// Compiled into the generator (partial-method mode emits calls through the member it finds) and the analyzers
// (CACHE013 reports a partial type without one), so both look for the type's HybridCache the same way.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached;

/// <summary>Finds the <c>HybridCache</c> a partial type's generated methods use, the way <c>[LoggerMessage]</c> finds an <c>ILogger</c>.</summary>
internal static class HybridCacheLookup
{
    /// <summary>
    /// The type's own or an inherited non-private field or property of type <c>HybridCache</c> (or a subclass) first,
    /// then a primary-constructor parameter; <c>null</c> when it has none. The result is an <see cref="IFieldSymbol"/>,
    /// an <see cref="IPropertySymbol"/> or an <see cref="IParameterSymbol"/>.
    /// </summary>
    public static ISymbol? Find(INamedTypeSymbol type, INamedTypeSymbol hybridCache)
    {
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
                    return member;
                }
            }
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            var isPrimary = constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);
            if (isPrimary && constructor.Parameters.FirstOrDefault(p => IsHybridCache(p.Type, hybridCache)) is { } parameter)
            {
                return parameter;
            }
        }

        return null;
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
