using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ShopApi.Data;

/// <summary>How large a catalogue the first run seeds.</summary>
public sealed class SeedOptions
{
    /// <summary>Products seeded on first run. Default: 10,000.</summary>
    public int Products { get; set; } = 10_000;

    /// <summary>Categories the products are spread over. Default: 50.</summary>
    public int Categories { get; set; } = 50;
}

/// <summary>Creates the database and seeds a deterministic catalogue the first time the app starts.</summary>
public static class ShopSeeder
{
    public static async Task EnsureSeededAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        await db.Database.EnsureCreatedAsync(ct);
        if (await db.Products.AnyAsync(ct))
        {
            return;
        }

        var random = new Random(42);
        for (var i = 1; i <= seed.Products; i++)
        {
            db.Products.Add(new Product
            {
                Id = i,
                Name = $"Product {i}",
                Category = CategoryName(i % seed.Categories),
                Price = Math.Round((decimal)(random.NextDouble() * 200 + 1), 2),
                Description = $"Description of product {i}.",
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The name of category number <paramref name="index"/>: <c>category-0</c>, <c>category-1</c>, ...</summary>
    public static string CategoryName(int index) => $"category-{index}";
}
