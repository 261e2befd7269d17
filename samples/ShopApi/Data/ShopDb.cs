using Microsoft.EntityFrameworkCore;

namespace ShopApi.Data;

/// <summary>The shop's database: SQLite by default, created and seeded on first run.</summary>
public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var product = modelBuilder.Entity<Product>();
        product.HasIndex(p => p.Category);
        // SQLite has no decimal type; storing cents-precise text keeps prices exact.
        product.Property(p => p.Price).HasConversion<string>();
    }
}
