using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// The data-access types (EF Core, Dapper, ADO.NET, HybridCache) that tell a read or a write apart, resolved once per
/// compilation. Any of them may be missing: a project without EF Core simply has no EF reads or writes.
/// </summary>
internal sealed class DataAccessSymbols
{
    private const string EfNamespace = "Microsoft.EntityFrameworkCore";

    private DataAccessSymbols(Compilation compilation)
    {
        DbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
        DbSetOfT = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
        EntityEntry = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry");
        TableAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.TableAttribute");
        DbCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbCommand");
        DbBatchCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbBatchCommand");
        IDbCommand = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
        SqlMapper = compilation.GetTypeByMetadataName("Dapper.SqlMapper");
        CommandDefinition = compilation.GetTypeByMetadataName("Dapper.CommandDefinition");
        HybridCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Hybrid.HybridCache");
        ICollectionOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T);
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
    }

    public INamedTypeSymbol? DbContext { get; }

    public INamedTypeSymbol? DbSetOfT { get; }

    public INamedTypeSymbol? EntityEntry { get; }

    public INamedTypeSymbol? TableAttribute { get; }

    public INamedTypeSymbol? DbCommand { get; }

    public INamedTypeSymbol? DbBatchCommand { get; }

    public INamedTypeSymbol? IDbCommand { get; }

    public INamedTypeSymbol? SqlMapper { get; }

    public INamedTypeSymbol? CommandDefinition { get; }

    public INamedTypeSymbol? HybridCache { get; }

    public INamedTypeSymbol ICollectionOfT { get; }

    public INamedTypeSymbol IEnumerableOfT { get; }

    public static DataAccessSymbols Create(Compilation compilation) => new(compilation);

    public bool IsDbContext(ITypeSymbol? type) => DbContext is not null && DerivesFrom(type, DbContext);

    /// <summary>The <c>T</c> of a <c>DbSet&lt;T&gt;</c> (or of a type deriving from it), or <c>null</c>.</summary>
    public ITypeSymbol? DbSetEntity(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null && DbSetOfT is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, DbSetOfT))
            {
                return current.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="method"/> is declared by EF Core (the context, sets, or its extension classes).</summary>
    public static bool IsEfCore(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString() is { } ns && (ns == EfNamespace || ns.StartsWith(EfNamespace + ".", System.StringComparison.Ordinal));

    public bool IsDapper(IMethodSymbol method) =>
        SqlMapper is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, SqlMapper);

    /// <summary>An ADO.NET command: a <c>DbCommand</c>, a <c>DbBatchCommand</c>, or any <c>IDbCommand</c>.</summary>
    public bool IsCommand(ITypeSymbol? type) =>
        (DbCommand is not null && DerivesFrom(type, DbCommand)) ||
        (DbBatchCommand is not null && DerivesFrom(type, DbBatchCommand)) ||
        (IDbCommand is not null && type is not null && Implements(type, IDbCommand));

    public bool IsHybridCache(ITypeSymbol? type) => HybridCache is not null && DerivesFrom(type, HybridCache);

    /// <summary>The element type of a collection or sequence (<c>T</c> of <c>IEnumerable&lt;T&gt;</c>), or <c>null</c>; strings are not collections.</summary>
    public ITypeSymbol? ElementType(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, IEnumerableOfT))
        {
            return named.TypeArguments[0];
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, IEnumerableOfT))
            {
                return @interface.TypeArguments[0];
            }
        }

        return null;
    }

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }
}
