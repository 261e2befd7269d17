using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached.Generator.Parsing;

/// <summary>
/// Reads a <c>partial</c> type whose partial methods carry the attributes. Like <c>[LoggerMessage]</c> finds the
/// type's <c>ILogger</c>, it finds the type's <c>HybridCache</c>: a field, a property or a primary-constructor
/// parameter. Without one nothing is generated, and the analyzers explain why.
/// </summary>
internal static class PartialParser
{
    /// <summary>The suffix of the method the user writes the body in: <c>GetAsync</c> is implemented over <c>GetAsyncCore</c>.</summary>
    public const string CoreSuffix = "Core";

    /// <summary>A partial method without a body: the declaration the generator implements.</summary>
    public static bool IsPartialDefinition(SyntaxNode node, CancellationToken cancellationToken) =>
        node is MethodDeclarationSyntax { Body: null, ExpressionBody: null } method &&
        method.Modifiers.Any(m => m.Text == "partial");

    /// <summary>Whether the decorator leaves <paramref name="method"/> alone: the partial type implements it itself.</summary>
    public static bool IsPartial(IMethodSymbol method) => method.IsPartialDefinition || method.PartialDefinitionPart is not null;

    /// <remarks>Runs once per attributed partial method; every one of a type yields the same spec (the pipeline keeps one).</remarks>
    public static PartialTypeSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol { IsPartialDefinition: true, ContainingType: { } type } target ||
            KnownTypes.From(context.SemanticModel.Compilation) is not { } known ||
            !DecoratorParser.IsFirstAttributed(target, type, known, partialOnly: true) ||
            type.TypeKind is not (TypeKind.Class or TypeKind.Struct) ||
            FindCache(type, known) is not { } cache)
        {
            return null;
        }

        var methods = new List<PartialMethodSpec>();
        var evictionKeys = new List<KeyBuilderSpec>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!method.IsPartialDefinition || method.IsStatic ||
                (known.CachedOn(method) is null && known.InvalidatesCacheOn(method) is null))
            {
                continue;
            }

            methods.Add(new PartialMethodSpec(Modifiers(method), MemberParser.Method(method, type, method, known, evictionKeys), Constraints(method)));
        }

        var declarations = new List<string>();
        var names = new List<string>();
        var typeParameters = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            declarations.Insert(0, Declaration(current));
            names.Insert(0, SymbolFormats.Sanitize(current.MetadataName));
            typeParameters.InsertRange(0, current.TypeParameters.Select(t => SymbolFormats.EscapeIdentifier(t.Name)));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
        return new PartialTypeSpec(
            ns,
            (ns.Length == 0 ? string.Empty : ns + ".") + string.Join(".", names) + ".Cached.g.cs",
            declarations.ToEquatableArray(),
            typeParameters.ToEquatableArray(),
            cache,
            methods.ToEquatableArray(),
            evictionKeys.GroupBy(k => k.Prefix).Select(g => g.First()).ToEquatableArray());
    }

    /// <summary>
    /// The type's <c>HybridCache</c>: its own or an inherited field or property first, then a primary-constructor
    /// parameter; <c>null</c> when it has none.
    /// </summary>
    private static string? FindCache(INamedTypeSymbol type, KnownTypes known)
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
                if (memberType is not null && IsHybridCache(memberType, known))
                {
                    return "this." + SymbolFormats.EscapeIdentifier(member.Name);
                }
            }
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            var isPrimary = constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);
            if (isPrimary && constructor.Parameters.FirstOrDefault(p => IsHybridCache(p.Type, known)) is { } parameter)
            {
                return SymbolFormats.EscapeIdentifier(parameter.Name);
            }
        }

        return null;
    }

    private static bool IsHybridCache(ITypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, known.HybridCache))
            {
                return true;
            }
        }

        return false;
    }

    private static string Modifiers(IMethodSymbol method)
    {
        var modifiers = new List<string>
        {
            method.DeclaredAccessibility switch
            {
                Accessibility.Public => "public",
                Accessibility.Internal => "internal",
                Accessibility.Protected => "protected",
                Accessibility.ProtectedOrInternal => "protected internal",
                Accessibility.ProtectedAndInternal => "private protected",
                _ => "private",
            },
        };
        if (method.IsSealed)
        {
            modifiers.Add("sealed");
        }

        if (method.IsOverride)
        {
            modifiers.Add("override");
        }
        else if (method.IsVirtual)
        {
            modifiers.Add("virtual");
        }

        return string.Join(" ", modifiers);
    }

    /// <summary>The constraint clauses of a generic method, as its definition states them.</summary>
    private static EquatableArray<string> Constraints(IMethodSymbol method)
    {
        var clauses = new List<string>();
        foreach (var parameter in method.TypeParameters)
        {
            var constraints = new List<string>();
            if (parameter.HasReferenceTypeConstraint)
            {
                constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (parameter.HasUnmanagedTypeConstraint)
            {
                constraints.Add("unmanaged");
            }
            else if (parameter.HasValueTypeConstraint)
            {
                constraints.Add("struct");
            }
            else if (parameter.HasNotNullConstraint)
            {
                constraints.Add("notnull");
            }

            constraints.AddRange(parameter.ConstraintTypes.Select(t => t.ToCode()));
            if (parameter.HasConstructorConstraint)
            {
                constraints.Add("new()");
            }

            if (constraints.Count > 0)
            {
                clauses.Add("where " + SymbolFormats.EscapeIdentifier(parameter.Name) + " : " + string.Join(", ", constraints));
            }
        }

        return clauses.ToEquatableArray();
    }

    /// <summary>The partial declaration that reopens <paramref name="type"/>.</summary>
    private static string Declaration(INamedTypeSymbol type)
    {
        var kind = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        var typeParameters = type.TypeParameters.IsEmpty
            ? string.Empty
            : "<" + string.Join(", ", type.TypeParameters.Select(t => SymbolFormats.EscapeIdentifier(t.Name))) + ">";
        return (type.IsStatic ? "static " : string.Empty) + "partial " + kind + " " + SymbolFormats.EscapeIdentifier(type.Name) + typeParameters;
    }
}
