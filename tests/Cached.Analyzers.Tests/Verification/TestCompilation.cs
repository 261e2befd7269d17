using System.Collections.Immutable;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Analyzers.Tests.Verification;

/// <summary>
/// What every test compilation sees, without network: the running shared framework's assemblies, the Cached runtime
/// (for the attributes), EF Core, Dapper and ASP.NET Core (<see cref="DataAccessReferences"/>), and global usings so
/// that test sources show only the code under test.
/// </summary>
/// <remarks>Linked into the code-fix tests as well, so both test projects compile the same world.</remarks>
internal static class TestCompilation
{
    /// <summary>No reference-assembly package: <see cref="References"/> supplies everything.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new(string.Empty);

    public static ImmutableArray<MetadataReference> References { get; } = CreateReferences();

    public const string GlobalUsingsPath = "/0/GlobalUsings.cs";

    public static SourceText GlobalUsings { get; } = SourceText.From(
        """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Cached;
        """,
        Encoding.UTF8);

    /// <summary>Applies the references and global usings to <paramref name="state"/>.</summary>
    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(References);
        AddGlobalUsings(state);
    }

    /// <summary>Adds the global usings to a state that inherits its references (a code fix's fixed state).</summary>
    public static void AddGlobalUsings(SolutionState state) => state.Sources.Add((GlobalUsingsPath, GlobalUsings));

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in trusted)
        {
            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) &&
                string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(CachedAttribute).Assembly.Location));
        references.AddRange(DataAccessReferences.All);
        return references.ToImmutable();
    }
}
