using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>Decides whether and under which name the registration class is emitted.</summary>
internal static class RegistrationParser
{
    private const string Namespace = "Microsoft.Extensions.DependencyInjection";

    /// <summary>
    /// The registration class's name: unique per assembly, and recognisable, so that an assembly that sees another's
    /// internals can tell that the other already has an <c>AddCachedDecorators</c> in scope.
    /// </summary>
    public static string ClassNameFor(string assemblyName) => "CachedDecorators_" + SymbolFormats.Sanitize(assemblyName);

    /// <remarks>
    /// Runs on every compilation change (each edit in an IDE), so it only looks up a few types by name and asks each
    /// referenced assembly whether it grants this one access to its internals (a lookup in that assembly's
    /// InternalsVisibleTo table) before looking for its registration class. Its result is a handful of values that
    /// stay equal across edits, which keeps the registration's output cached.
    /// </remarks>
    public static RegistrationContext Parse(Compilation compilation, CancellationToken cancellationToken)
    {
        var assemblyName = compilation.AssemblyName ?? "Assembly";
        var attribute = compilation.GetTypeByMetadataName("Cached.CachedAttribute");

        // The runtime itself declares the attribute: it has nothing to register.
        var canEmit = attribute is not null &&
                      !SymbolEqualityComparer.Default.Equals(attribute.ContainingAssembly, compilation.Assembly) &&
                      compilation.GetTypeByMetadataName(Namespace + ".IServiceCollection") is not null &&
                      compilation.GetTypeByMetadataName(Namespace + ".ActivatorUtilities") is not null &&
                      compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Hybrid.HybridCache") is not null;

        var seesReferenced = false;
        if (canEmit)
        {
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (assembly.GivesAccessTo(compilation.Assembly) &&
                    assembly.GetTypeByMetadataName(Namespace + "." + ClassNameFor(assembly.Name)) is not null)
                {
                    seesReferenced = true;
                    break;
                }
            }
        }

        return new RegistrationContext(ClassNameFor(assemblyName), assemblyName, canEmit, seesReferenced);
    }

    /// <summary>The registration to emit, or <c>null</c> when none should be.</summary>
    public static RegistrationSpec? Build(EquatableArray<DecoratorSpec> decorators, RegistrationContext context)
    {
        if (!context.CanEmit || (decorators.IsEmpty && context.SeesReferencedRegistration))
        {
            return null;
        }

        var services = new List<ServiceSpec>();
        foreach (var group in decorators.GroupBy(d => d.ServiceType).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var classDecorators = group
                .Where(d => d.ImplementationType is not null)
                .OrderBy(d => d.ImplementationType, System.StringComparer.Ordinal)
                .Select(d => new ClassDecoratorSpec(d.ImplementationType!, d.FullName))
                .ToEquatableArray();
            var interfaceDecorator = group.FirstOrDefault(d => d.ImplementationType is null)?.FullName;
            services.Add(new ServiceSpec(group.Key, classDecorators, interfaceDecorator));
        }

        var writeBehind = decorators
            .Where(d => d.Methods.Any(m => m.Invalidation?.WriteBehind is not null))
            .Select(d => d.FullName)
            .ToEquatableArray();
        return new RegistrationSpec(context.ClassName, context.AssemblyName, services.ToEquatableArray(), writeBehind);
    }
}
