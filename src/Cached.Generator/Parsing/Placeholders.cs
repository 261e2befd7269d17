using System.Collections.Generic;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>A name a placeholder may start with: a parameter, or the awaited result of a write.</summary>
internal readonly struct PlaceholderRoot
{
    public PlaceholderRoot(string expression, ITypeSymbol type)
    {
        Expression = expression;
        Type = type;
    }

    public string Expression { get; }

    public ITypeSymbol Type { get; }
}

/// <summary>A placeholder turned into a C# expression.</summary>
internal readonly struct ResolvedPlaceholder
{
    public ResolvedPlaceholder(string root, string expression, ITypeSymbol type, bool lifted)
    {
        Root = root;
        Expression = expression;
        Type = type;
        Lifted = lifted;
    }

    /// <summary>The root name the path starts with.</summary>
    public string Root { get; }

    public string Expression { get; }

    /// <summary>The type of the last member (or of the root).</summary>
    public ITypeSymbol Type { get; }

    /// <summary>
    /// A <c>?.</c> on the way makes a non-nullable value type <c>Nullable&lt;T&gt;</c>: the expression's type is then
    /// <c><see cref="Type"/>?</c>.
    /// </summary>
    public bool Lifted { get; }
}

/// <summary>Resolves <c>{root.Member.Member}</c> placeholders against parameters and their public members.</summary>
internal static class Placeholders
{
    public static bool TryResolve(
        string[] path,
        IReadOnlyDictionary<string, PlaceholderRoot> roots,
        Compilation compilation,
        out ResolvedPlaceholder resolved)
    {
        resolved = default;
        if (!roots.TryGetValue(path[0], out var root))
        {
            return false;
        }

        var expression = root.Expression;
        var type = root.Type;
        var conditional = false;
        for (var i = 1; i < path.Length; i++)
        {
            var receiver = type;
            var nullable = false;
            if (receiver is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                receiver = wrapper.TypeArguments[0];
                nullable = true;
            }
            else if (receiver.IsReferenceType && receiver.NullableAnnotation == NullableAnnotation.Annotated)
            {
                nullable = true;
            }

            var member = FindMember(receiver, path[i], compilation);
            if (member is null)
            {
                return false;
            }

            conditional |= nullable;
            expression += (nullable ? "?." : ".") + SymbolFormats.EscapeIdentifier(path[i]);
            type = member;
        }

        var lifted = conditional && type.IsValueType &&
                     type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
        resolved = new ResolvedPlaceholder(path[0], expression, type, lifted);
        return true;
    }

    /// <summary>Resolves a tag template; <c>null</c> when it is malformed or a placeholder names nothing.</summary>
    public static TemplateSpec? ResolveTemplate(
        string? template,
        IReadOnlyDictionary<string, PlaceholderRoot> roots,
        Compilation compilation)
    {
        if (template is null || !Template.TryParse(template, out var parts, out _))
        {
            return null;
        }

        var specs = new List<TemplatePartSpec>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Path is null)
            {
                specs.Add(new TemplatePartSpec(part.Literal, null));
            }
            else if (TryResolve(part.Path, roots, compilation, out var placeholder))
            {
                specs.Add(new TemplatePartSpec(null, placeholder.Expression));
            }
            else
            {
                return null;
            }
        }

        return new TemplateSpec(specs.ToEquatableArray());
    }

    /// <summary>The type of a readable instance property or field named <paramref name="name"/>, or <c>null</c>.</summary>
    private static ITypeSymbol? FindMember(ITypeSymbol type, string name, Compilation compilation)
    {
        foreach (var candidate in TypeAndAncestors(type))
        {
            foreach (var member in candidate.GetMembers(name))
            {
                if (member.IsStatic || !compilation.IsSymbolAccessibleWithin(member, compilation.Assembly))
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property
                        when compilation.IsSymbolAccessibleWithin(getter, compilation.Assembly):
                        return property.Type;
                    case IFieldSymbol field:
                        return field.Type;
                }
            }
        }

        return null;
    }

    private static IEnumerable<ITypeSymbol> TypeAndAncestors(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                foreach (var ancestor in TypeAndAncestors(constraint))
                {
                    yield return ancestor;
                }
            }

            yield break;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var inherited in type.AllInterfaces)
            {
                yield return inherited;
            }
        }
    }
}
