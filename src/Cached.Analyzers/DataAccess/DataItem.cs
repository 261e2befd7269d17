using System;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// A piece of data a method writes (or reads): an EF Core entity type, optionally one of its columns, or a table named
/// in SQL text.
/// </summary>
internal readonly struct DataItem : IEquatable<DataItem>
{
    private DataItem(ITypeSymbol? entity, string? column, string? table)
    {
        Entity = entity;
        Column = column;
        Table = table;
    }

    /// <summary>The entity type, or <c>null</c> for a table.</summary>
    public ITypeSymbol? Entity { get; }

    /// <summary>The one property written (<c>product.Price = ...</c>, <c>SetProperty(p =&gt; p.Price, ...)</c>), or <c>null</c> for the whole row.</summary>
    public string? Column { get; }

    /// <summary>The table name as written in SQL (no quotes, no schema), or <c>null</c> for an entity.</summary>
    public string? Table { get; }

    public static DataItem ForEntity(ITypeSymbol entity, string? column = null) => new(entity.OriginalDefinition, column, null);

    public static DataItem ForTable(string table) => new(null, null, table);

    /// <summary>The same item about another entity type (a type argument substituted for a type parameter).</summary>
    public DataItem WithEntity(ITypeSymbol entity) => new(entity.OriginalDefinition, Column, null);

    /// <summary>How a message names it: <c>Product</c>, or <c>table order_lines</c>.</summary>
    public string Display => Entity is not null ? Entity.Name : "table " + Table;

    public bool Equals(DataItem other) =>
        SymbolEqualityComparer.Default.Equals(Entity, other.Entity) &&
        string.Equals(Column, other.Column, StringComparison.Ordinal) &&
        string.Equals(Table is null ? null : SqlTables.Normalize(Table), other.Table is null ? null : SqlTables.Normalize(other.Table), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is DataItem other && Equals(other);

    public override int GetHashCode() =>
        Entity is not null
            ? SymbolEqualityComparer.Default.GetHashCode(Entity) ^ (Column is null ? 0 : StringComparer.Ordinal.GetHashCode(Column))
            : StringComparer.Ordinal.GetHashCode(SqlTables.Normalize(Table!));
}
