namespace Cached.Analyzers.Tests.Rules;

/// <summary>A small EF Core model that the data-access rule tests compile against, appended to each test source.</summary>
internal static class ShopModel
{
    public const string Source = """

        namespace Shop
        {
            using System.ComponentModel.DataAnnotations.Schema;
            using Microsoft.EntityFrameworkCore;

            public class Category { public int Id { get; set; } public string Name { get; set; } = ""; }

            public class Product
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public string Category { get; set; } = "";
                public decimal Price { get; set; }
                public int Stock { get; set; }
                public int CategoryId { get; set; }
                public Category? CategoryRef { get; set; }
                public List<Review> Reviews { get; set; } = new();
            }

            public class Review { public int Id { get; set; } public int ProductId { get; set; } public int Stars { get; set; } public string Text { get; set; } = ""; }

            public class Order { public int Id { get; set; } public int CustomerId { get; set; } public string Status { get; set; } = ""; public List<OrderLine> Lines { get; set; } = new(); }

            public class OrderLine { public int Id { get; set; } public int OrderId { get; set; } public int ProductId { get; set; } public int Quantity { get; set; } }

            [Table("audit_log")]
            public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }

            public record ProductDto(int Id, string Name, decimal Price);

            public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public DbSet<Product> Products => Set<Product>();
                public DbSet<Category> Categories => Set<Category>();
                public DbSet<Review> Reviews => Set<Review>();
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<OrderLine> OrderLines => Set<OrderLine>();
                public DbSet<AuditEntry> Audit => Set<AuditEntry>();
            }
        }
        """;

    /// <summary>Usings a test source starts with to see the model, EF Core and Dapper.</summary>
    public const string Usings = """
        using System.Data.Common;
        using System.Linq;
        using Dapper;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        """;
}
