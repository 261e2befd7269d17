using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ShopApi.Data;

/// <summary>How large a shop the first run seeds (configuration section <c>Seed</c>).</summary>
public sealed class SeedOptions
{
    /// <summary>Products seeded on first run. Default: 10,000.</summary>
    public int Products { get; set; } = 10_000;

    /// <summary>Categories the products are spread over. Default: 50.</summary>
    public int Categories { get; set; } = 50;

    /// <summary>Customers, with ids 1..Users. Default: 1,000.</summary>
    public int Users { get; set; } = 1_000;

    /// <summary>Reviews per product. Default: 3.</summary>
    public int ReviewsPerProduct { get; set; } = 3;

    /// <summary>Past orders, which feed the top-sellers board. Default: 5,000.</summary>
    public int Orders { get; set; } = 5_000;
}

/// <summary>
/// Creates the database and seeds a deterministic shop the first time the app starts. Rows go in through one
/// prepared command per table inside one transaction: SQLite then writes tens of thousands of rows in well under a
/// second, where change-tracked entities would take many.
/// </summary>
public static class ShopSeeder
{
    /// <summary>The currencies that prices can be quoted in, with their seeded rates per US dollar.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> Currencies = new Dictionary<string, decimal>
    {
        ["USD"] = 1m,
        ["EUR"] = 0.92m,
        ["GBP"] = 0.79m,
        ["JPY"] = 151.3m,
    };

    /// <summary>Creates the database if it does not exist and seeds it when it has no products.</summary>
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

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var random = new Random(42);
            var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var prices = new decimal[seed.Products + 1];
            for (var i = 1; i <= seed.Products; i++)
            {
                prices[i] = Math.Round((decimal)(random.NextDouble() * 200 + 1), 2);
            }

            await InsertAsync(transaction, "INSERT INTO Products (Id, Name, Category, Price, Description) VALUES ($0, $1, $2, $3, $4)",
                Enumerable.Range(1, seed.Products).Select(i => new object[]
                {
                    i, $"Product {i}", CategoryName(i % seed.Categories), Text(prices[i]), $"Description of product {i}.",
                }), ct);
            await InsertAsync(transaction, "INSERT INTO Stock (ProductId, OnHand) VALUES ($0, $1)",
                Enumerable.Range(1, seed.Products).Select(i => new object[] { i, 100 }), ct);
            await InsertAsync(transaction, "INSERT INTO Views (ProductId, Views) VALUES ($0, 0)",
                Enumerable.Range(1, seed.Products).Select(i => new object[] { i }), ct);
            await InsertAsync(transaction, "INSERT INTO Users (Id, DisplayName, Email, Currency) VALUES ($0, $1, $2, 'USD')",
                Enumerable.Range(1, seed.Users).Select(i => new object[] { i, $"Customer {i}", $"customer{i}@example.com" }), ct);
            await InsertAsync(transaction, "INSERT INTO Reviews (ProductId, UserId, Rating, Text, CreatedAt) VALUES ($0, $1, $2, $3, $4)",
                Enumerable.Range(0, seed.Products * seed.ReviewsPerProduct).Select(i => new object[]
                {
                    i / seed.ReviewsPerProduct + 1, random.Next(1, seed.Users + 1), random.Next(1, 6), $"Review {i}.", epoch.AddMinutes(i),
                }), ct);
            await InsertAsync(transaction, "INSERT INTO Orders (UserId, ProductId, Quantity, Total, PlacedAt) VALUES ($0, $1, $2, $3, $4)",
                Enumerable.Range(0, seed.Orders).Select(i =>
                {
                    // Squaring a uniform draw skews past orders towards low ids, so the board has clear leaders.
                    var product = 1 + (int)(Math.Pow(random.NextDouble(), 2) * seed.Products);
                    var quantity = random.Next(1, 4);
                    return new object[] { random.Next(1, seed.Users + 1), product, quantity, Text(prices[product] * quantity), epoch.AddMinutes(i) };
                }), ct);
            await InsertAsync(transaction, "INSERT INTO Rates (Code, PerDollar) VALUES ($0, $1)",
                Currencies.Select(c => new object[] { c.Key, Text(c.Value) }), ct);
            await InsertAsync(transaction, "INSERT INTO Promotions (Category, PercentOff) VALUES ($0, $1)",
                Enumerable.Range(0, seed.Categories).Where(c => c % 10 == 0).Select(c => new object[] { CategoryName(c), 10 }), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>The name of category number <paramref name="index"/>: <c>category-0</c>, <c>category-1</c>, ...</summary>
    public static string CategoryName(int index) => $"category-{index}";

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task InsertAsync(DbTransaction transaction, string sql, IEnumerable<object[]> rows, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        DbParameter[]? parameters = null;
        foreach (var row in rows)
        {
            if (parameters is null)
            {
                parameters = new DbParameter[row.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i] = command.CreateParameter();
                    parameters[i].ParameterName = "$" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameters[i]);
                }

                command.Prepare();
            }

            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
