using System;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>A piece of data a method reads or writes: an EF Core entity type, or a table named in SQL text.</summary>
internal readonly struct DataItem : IEquatable<DataItem>
{
    private DataItem(ITypeSymbol? entity, string? table)
    {
        Entity = entity;
        Table = table;
    }

    /// <summary>The entity type, or <c>null</c> for a table.</summary>
    public ITypeSymbol? Entity { get; }

    /// <summary>The table name as written in SQL (no quotes, no schema), or <c>null</c> for an entity.</summary>
    public string? Table { get; }

    public static DataItem ForEntity(ITypeSymbol entity) => new(entity.OriginalDefinition, null);

    public static DataItem ForTable(string table) => new(null, table);

    /// <summary>How a message names it: <c>Product</c>, or <c>table order_lines</c>.</summary>
    public string Display => Entity is not null ? Entity.Name : "table " + Table;

    public bool Equals(DataItem other) =>
        SymbolEqualityComparer.Default.Equals(Entity, other.Entity) &&
        string.Equals(Table is null ? null : SqlTables.Normalize(Table), other.Table is null ? null : SqlTables.Normalize(other.Table), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is DataItem other && Equals(other);

    public override int GetHashCode() =>
        Entity is not null ? SymbolEqualityComparer.Default.GetHashCode(Entity) : StringComparer.Ordinal.GetHashCode(SqlTables.Normalize(Table!));
}
