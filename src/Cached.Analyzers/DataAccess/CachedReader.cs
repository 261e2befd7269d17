using System.Collections.Generic;
using System.Linq;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>A <c>[Cached]</c> method of the compilation: its tag templates, their shapes, and the keys of what it reads.</summary>
internal sealed class CachedReader
{
    public CachedReader(CachedSymbols symbols, IMethodSymbol method, HashSet<string> keys)
    {
        Method = method;
        Keys = keys;
        var tags = symbols.FindCachedOrInherited(method)?.NamedArguments.FirstOrDefault(a => a.Key == "Tags").Value;
        Tags = tags is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value).OfType<string>().ToList()
            : new List<string>();
        Shapes = Tags.Select(TagShape.OfTemplate).OfType<string>().ToList();
    }

    public IMethodSymbol Method { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<string> Shapes { get; }

    public HashSet<string> Keys { get; }
}
