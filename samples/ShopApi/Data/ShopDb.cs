using Microsoft.EntityFrameworkCore;

namespace ShopApi.Data;

/// <summary>The shop's database: SQLite by default, created and seeded on first run.</summary>
public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<UserProfile> Users => Set<UserProfile>();

    public DbSet<StockLevel> Stock => Set<StockLevel>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<ProductViews> Views => Set<ProductViews>();

    public DbSet<CurrencyRate> Rates => Set<CurrencyRate>();

    public DbSet<Promotion> Promotions => Set<Promotion>();

    public DbSet<AppliedWrite> AppliedWrites => Set<AppliedWrite>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var product = modelBuilder.Entity<Product>();
        product.HasIndex(p => p.Category);
        // SQLite has no decimal type; storing cents-precise text keeps prices exact.
        product.Property(p => p.Price).HasConversion<string>();

        modelBuilder.Entity<Review>().HasIndex(r => r.ProductId);
        modelBuilder.Entity<StockLevel>().HasKey(s => s.ProductId);
        modelBuilder.Entity<ProductViews>().HasKey(v => v.ProductId);
        modelBuilder.Entity<CurrencyRate>().HasKey(r => r.Code);
        modelBuilder.Entity<CurrencyRate>().Property(r => r.PerDollar).HasConversion<string>();
        modelBuilder.Entity<Promotion>().HasKey(p => p.Category);
        modelBuilder.Entity<AppliedWrite>().HasKey(w => w.Key);

        var order = modelBuilder.Entity<Order>();
        order.HasIndex(o => o.ProductId);
        order.Property(o => o.Total).HasConversion<string>();
    }
}
