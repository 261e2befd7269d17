using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Tests.Verification;

/// <summary>
/// The real assemblies test sources use for data access and web state: EF Core (and its relational extensions),
/// Dapper, and the ASP.NET Core shared framework (HttpContext, IHttpContextAccessor, dependency injection).
/// </summary>
internal static class DataAccessReferences
{
    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var assembly in new[]
                 {
                     typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly,
                     typeof(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions).Assembly,
                     typeof(System.ComponentModel.DataAnnotations.Schema.TableAttribute).Assembly,
                     typeof(Dapper.SqlMapper).Assembly,
                 })
        {
            references.Add(MetadataReference.CreateFromFile(assembly.Location));
        }

        // The ASP.NET Core shared framework (which also carries Microsoft.Extensions.*), as the test host loads it.
        var aspNetDirectory = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location);
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        foreach (var path in trusted)
        {
            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) &&
                string.Equals(Path.GetDirectoryName(path), aspNetDirectory, StringComparison.Ordinal))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return references.ToImmutable();
    }
}
