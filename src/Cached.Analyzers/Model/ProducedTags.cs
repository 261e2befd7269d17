using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// The tag templates of every <c>[Cached]</c> method a compilation can see: its own, and those of the referenced
/// assemblies that reference Cached (a writer in one project may invalidate the entries of a service in another).
/// Collected from symbols only (attributes, no method bodies), the first time a rule asks.
/// </summary>
internal sealed class ProducedTags
{
    private const string CachedAssemblyName = "Cached";

    private ProducedTags(List<string> templates)
    {
        Templates = templates;
        Shapes = templates.Select(TagShape.OfTemplate).OfType<string>().Distinct().ToList();
    }

    /// <summary>The templates, as written.</summary>
    public IReadOnlyList<string> Templates { get; }

    /// <summary>Their distinct shapes.</summary>
    public IReadOnlyList<string> Shapes { get; }

    public static ProducedTags Collect(Compilation compilation, CachedSymbols symbols, CancellationToken cancellationToken)
    {
        var templates = new List<string>();
        Collect(compilation.Assembly.GlobalNamespace, symbols, templates, cancellationToken);
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly &&
                assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == CachedAssemblyName)))
            {
                Collect(assembly.GlobalNamespace, symbols, templates, cancellationToken);
            }
        }

        return new ProducedTags(templates);
    }

    private static void Collect(INamespaceSymbol root, CachedSymbols symbols, List<string> templates, CancellationToken cancellationToken)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol container:
                        pending.Push(container);
                        break;
                    case IMethodSymbol method when symbols.FindCached(method) is { } cached:
                        foreach (var argument in cached.NamedArguments)
                        {
                            if (argument.Key == "Tags" && argument.Value is { Kind: TypedConstantKind.Array, IsNull: false } tags)
                            {
                                templates.AddRange(tags.Values.Select(v => v.Value).OfType<string>());
                            }
                        }

                        break;
                }
            }
        }
    }
}
