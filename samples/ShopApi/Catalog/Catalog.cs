using Cached;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Catalog;

/// <summary>Reads and writes products on the database; the caching lives in the attributes.</summary>
public sealed class Catalog(ShopDb db) : ICatalog
{
    // Product pages are read far more than prices change: cache-aside, evicted by tag when a write touches the product.
    // A missing product is cached too (negative caching: null for a minute), so probing absent ids cannot hammer the
    // database, and a product created later shows up within that minute.
    [Cached(Ttl = "10m", Jitter = "1m", Tags = ["product:{id}"], CacheNull = true, NullTtl = "1m")]
    public async Task<ProductDetails?> GetProductAsync(int id, CancellationToken ct = default) =>
        await db.Products.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new ProductDetails(p.Id, p.Name, p.Category, p.Price, p.Description))
            .FirstOrDefaultAsync(ct);

    // Listings change when any product in them changes: a short TTL, and a category tag for writes to evict. A listing
    // a few minutes old beats a slow or failed page, so an expired one is served while one refresh runs (StaleFor).
    [Cached(Ttl = "1m", StaleFor = "5m", Tags = ["category:{category}"])]
    public async Task<IReadOnlyList<ProductSummary>> ByCategoryAsync(string category, CancellationToken ct = default) =>
        await db.Products.AsNoTracking()
            .Where(p => p.Category == category)
            .OrderBy(p => p.Id)
            .Select(p => new ProductSummary(p.Id, p.Name, p.Price))
            .ToListAsync(ct);

    // A price change makes the product page and its category listing stale: both are evicted once the write commits.
    [InvalidatesCache("product:{id}", "category:{result.Category}", Methods = [nameof(GetProductAsync)])]
    public async Task<ProductDetails?> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return null;
        }

        product.Price = price;
        await db.SaveChangesAsync(ct);
        return Details(product);
    }

    // A move changes two listings, the one the product leaves and the one it joins: both category tags are evicted.
    [InvalidatesCache("product:{id}", "category:{category}", "category:{result.PreviousCategory}", Methods = [nameof(GetProductAsync)])]
    public async Task<ProductMove?> MoveAsync(int id, string category, CancellationToken ct = default)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return null;
        }

        var previous = product.Category;
        product.Category = category;
        await db.SaveChangesAsync(ct);
        return new ProductMove(Details(product), previous);
    }

    private static ProductDetails Details(Product product) =>
        new(product.Id, product.Name, product.Category, product.Price, product.Description);
}
