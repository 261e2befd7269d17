using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// What a write's <c>[InvalidatesCache]</c> needs so that it covers a set of cached methods: for each, one of its tag
/// templates rewritten in the write's terms, or else its name in <c>Methods</c>. Computed by CACHE001 and carried to its
/// code fix in the diagnostic's properties.
/// </summary>
/// <remarks>
/// A reader's placeholder is mapped, in this order, to: the write's parameter of the same name; a member of that name
/// (ignoring case) of one of the write's parameters (<c>{id}</c> ⇒ <c>{product.Id}</c>); a member of the write's result
/// (<c>{category}</c> ⇒ <c>{result.Category}</c>); a parameter named after the reader's entity and the placeholder
/// (<c>{id}</c> of a method returning <c>Product</c> ⇒ <c>{productId}</c>). Every candidate is checked by the same
/// <see cref="PlaceholderScope"/> that CACHE003 uses, so the fix never writes a placeholder that does not resolve.
/// </remarks>
internal sealed class InvalidationPlan
{
    public const string TagsProperty = "InvalidatesCache.Tags";
    public const string MethodsProperty = "InvalidatesCache.Methods";
    private const char Separator = '\n';

    private InvalidationPlan(List<string> tags, List<string> methods)
    {
        Tags = tags;
        Methods = methods;
    }

    /// <summary>Tag templates to add, in the write's terms.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Names of cached methods of the write's class to add to <c>Methods</c>.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>
    /// The plan that covers every method of <paramref name="readers"/>, or <c>null</c> when one of them can be covered
    /// neither by a tag nor by <c>Methods</c> (then no fix is offered: a partial fix would leave the warning).
    /// </summary>
    public static InvalidationPlan? For(CachedSymbols symbols, IMethodSymbol write, IEnumerable<(IMethodSymbol Reader, IReadOnlyList<string> Tags)> readers)
    {
        var scope = PlaceholderScope.ForInvalidation(write, symbols.ResultType(write));
        var tags = new List<string>();
        var methods = new List<string>();
        foreach (var (reader, readerTags) in readers)
        {
            var tag = readerTags.Select(t => Rewrite(symbols, write, reader, scope, t)).FirstOrDefault(t => t is not null);
            if (tag is not null)
            {
                if (!tags.Contains(tag))
                {
                    tags.Add(tag);
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(reader.ContainingType, write.ContainingType) &&
                     symbols.FindCachedOrInherited(reader) is { } cached &&
                     MethodLink.UnmatchedKeyParameter(symbols, write, reader, cached) is null)
            {
                if (!methods.Contains(reader.Name))
                {
                    methods.Add(reader.Name);
                }
            }
            else
            {
                return null;
            }
        }

        return new InvalidationPlan(tags, methods);
    }

    /// <summary>The plan a CACHE001 diagnostic carries, or <c>null</c>.</summary>
    public static InvalidationPlan? FromProperties(IReadOnlyDictionary<string, string?> properties) =>
        properties.TryGetValue(TagsProperty, out var tags) && properties.TryGetValue(MethodsProperty, out var methods)
            ? new InvalidationPlan(Split(tags), Split(methods))
            : null;

    public IEnumerable<KeyValuePair<string, string?>> ToProperties()
    {
        yield return new KeyValuePair<string, string?>(TagsProperty, string.Join(Separator.ToString(), Tags));
        yield return new KeyValuePair<string, string?>(MethodsProperty, string.Join(Separator.ToString(), Methods));
    }

    private static List<string> Split(string? joined) =>
        string.IsNullOrEmpty(joined) ? new List<string>() : joined!.Split(Separator).ToList();

    /// <summary><paramref name="template"/> of <paramref name="reader"/> with each placeholder in the write's terms, or <c>null</c>.</summary>
    private static string? Rewrite(CachedSymbols symbols, IMethodSymbol write, IMethodSymbol reader, PlaceholderScope scope, string template)
    {
        if (!Template.TryParse(template, out var parts, out _))
        {
            return null;
        }

        var text = new StringBuilder(template.Length);
        foreach (var part in parts)
        {
            if (part.Path is not { } path)
            {
                text.Append(part.Literal);
                continue;
            }

            var mapped = Candidates(symbols, write, reader, path).FirstOrDefault(candidate => scope.Problem(candidate) is null);
            if (mapped is null)
            {
                return null;
            }

            text.Append('{').Append(string.Join(".", mapped)).Append('}');
        }

        return text.ToString();
    }

    private static IEnumerable<string[]> Candidates(CachedSymbols symbols, IMethodSymbol write, IMethodSymbol reader, string[] path)
    {
        // {id} stays {id}; {query.Category} may become {category} or {x.Category}: the leaf names the value.
        var name = path[path.Length - 1];
        if (write.Parameters.Any(p => p.Name == path[0]))
        {
            yield return path;
        }

        if (path.Length > 1 && write.Parameters.Any(p => p.Name == name))
        {
            yield return new[] { name };
        }

        var entities = EntityNames(symbols, reader);
        var roots = write.Parameters
            .Where(p => KeyForms.Of(p.Type) != KeyForm.CancellationToken)
            .Select(p => (Name: p.Name, Type: p.Type))
            .ToList();
        if (symbols.ResultType(write) is { } result && write.Parameters.All(p => p.Name != "result"))
        {
            roots.Add(("result", result));
        }

        // {id} of a method about Product: the write's {productId}, {review.ProductId} or {result.ProductId}.
        foreach (var entity in entities)
        {
            foreach (var parameter in write.Parameters)
            {
                if (string.Equals(parameter.Name, entity + name, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new[] { parameter.Name };
                }
            }

            foreach (var (root, type) in roots)
            {
                if (PlaceholderScope.MemberNameIgnoringCase(type, entity + name) is { } member)
                {
                    yield return new[] { root, member };
                }
            }
        }

        // A member of a value of the reader's own type ({product.Id}, {result.Category}); of another type only when the
        // name is specific: the Id of a Review is not the id of a Product.
        foreach (var (root, type) in roots)
        {
            var sameType = entities.Contains(Unwrapped(type).Name);
            if ((sameType || !string.Equals(name, "id", StringComparison.OrdinalIgnoreCase)) &&
                PlaceholderScope.MemberNameIgnoringCase(type, name) is { } member)
            {
                yield return new[] { root, member };
            }
        }
    }

    /// <summary>
    /// The names of what a reader is about: its result type (or element type) and that name without a suffix such as
    /// <c>Dto</c>: <c>Product</c> for <c>Task&lt;ProductDto?&gt;</c>.
    /// </summary>
    private static List<string> EntityNames(CachedSymbols symbols, IMethodSymbol reader)
    {
        var names = new List<string>();
        if (symbols.ResultType(reader) is not { } type)
        {
            return names;
        }

        type = Unwrapped(type);
        if (type is not { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None })
        {
            return names;
        }

        names.Add(type.Name);
        foreach (var suffix in new[] { "ViewModel", "Dto", "DTO", "Model", "View", "Summary", "Details", "Detail", "Response", "Info", "Row" })
        {
            if (type.Name.Length > suffix.Length && type.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                names.Add(type.Name.Substring(0, type.Name.Length - suffix.Length));
            }
        }

        return names;
    }

    /// <summary>The element type of a single-argument generic (a list, a nullable), else the type itself.</summary>
    private static ITypeSymbol Unwrapped(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named ? named.TypeArguments[0] : type;
}
