using System.Collections.Generic;
using System.Linq;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>A <c>[Cached]</c> method of the compilation: its tag templates, their shapes, and what it reads.</summary>
internal sealed class CachedReader
{
    public CachedReader(CachedSymbols symbols, IMethodSymbol method, Dictionary<string, HashSet<string>?> reads)
    {
        Method = method;
        Reads = reads;
        var tags = symbols.FindCachedOrInherited(method)?.NamedArguments.FirstOrDefault(a => a.Key == "Tags").Value;
        Tags = tags is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value).OfType<string>().ToList()
            : new List<string>();
        Shapes = Tags.Select(TagShape.OfTemplate).OfType<string>().ToList();
    }

    public IMethodSymbol Method { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<string> Shapes { get; }

    /// <summary>The keys of the data the result depends on, each with the columns used (<c>null</c>: all of them).</summary>
    public IReadOnlyDictionary<string, HashSet<string>?> Reads { get; }
}
