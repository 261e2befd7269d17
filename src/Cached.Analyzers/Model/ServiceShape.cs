using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached.Analyzers.Model;

/// <summary>
/// Where a decorator can wrap a method: the generator wraps interface members only (declared on an interface, or
/// implementing a member of an interface of a non-abstract class), because the decorator is the interface's
/// implementation registered in place of the class.
/// </summary>
internal static class ServiceShape
{
    public static bool IsInterfaceMember(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Interface || method.ExplicitInterfaceImplementations.Length > 0)
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation &&
                    ImplementsThrough(method, implementation))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The interface methods <paramref name="method"/> implements (itself when it is declared on an interface).</summary>
    public static IEnumerable<IMethodSymbol> InterfaceMembers(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
        {
            yield break;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            yield return method;
            yield break;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol interfaceMethod &&
                    type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation &&
                    ImplementsThrough(method, implementation))
                {
                    yield return interfaceMethod;
                }
            }
        }
    }

    /// <summary>The one interface of the method's class, to name in a message; <c>null</c> when there are none or several.</summary>
    public static INamedTypeSymbol? SoleInterface(IMethodSymbol method) =>
        method.ContainingType is { AllInterfaces.Length: 1 } type ? type.AllInterfaces[0] : null;

    /// <summary>The method's declaration, preferring the one carrying <paramref name="attribute"/>'s syntax.</summary>
    public static MethodDeclarationSyntax? Declaration(IMethodSymbol method, AttributeSyntaxMap? attribute, System.Threading.CancellationToken cancellationToken)
    {
        if (attribute?.Method is { } fromAttribute)
        {
            return fromAttribute;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>The location of the <c>static</c> modifier, or of the method name.</summary>
    public static Location StaticModifierOrName(IMethodSymbol method, MethodDeclarationSyntax? declaration)
    {
        if (declaration is not null)
        {
            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.StaticKeyword))
                {
                    return modifier.GetLocation();
                }
            }
        }

        return NameLocation(method, declaration);
    }

    public static Location NameLocation(IMethodSymbol method, MethodDeclarationSyntax? declaration) =>
        declaration?.Identifier.GetLocation() ?? (method.Locations.Length > 0 ? method.Locations[0] : Location.None);

    /// <summary>
    /// Whether <paramref name="method"/> is <paramref name="implementation"/>, or overrides it (an interface mapped to a
    /// base class's virtual or abstract method is implemented by the override that the virtual call reaches).
    /// </summary>
    private static bool ImplementsThrough(IMethodSymbol method, IMethodSymbol implementation)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (IsSameMethod(implementation, current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSameMethod(IMethodSymbol candidate, IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(candidate, method) ||
        SymbolEqualityComparer.Default.Equals(candidate.PartialDefinitionPart, method) ||
        SymbolEqualityComparer.Default.Equals(candidate.PartialImplementationPart, method);
}
