using Cached.Analyzers.DataAccess;

namespace Cached.Analyzers.Tests.DataAccess;

public class SqlTablesTests
{
    [Theory]
    [InlineData("SELECT * FROM Products WHERE Id = @id", "Products", "")]
    [InlineData("select p.* from dbo.[Products] p join \"Categories\" c on c.Id = p.CategoryId", "Products,Categories", "")]
    [InlineData("SELECT a, b FROM Orders o, Customers AS c WHERE o.CustomerId = c.Id", "Orders,Customers", "")]
    [InlineData("SELECT * FROM Products WHERE Id IN (SELECT ProductId FROM OrderLines)", "Products,OrderLines", "")]
    [InlineData("WITH recent AS (SELECT * FROM Orders) SELECT * FROM recent", "Orders", "")]
    [InlineData("SELECT * FROM `products` -- FROM Comments\n /* JOIN Secrets */", "products", "")]
    [InlineData("SELECT 'FROM Users' AS x FROM Products", "Products", "")]
    [InlineData("SELECT * FROM get_products(@id)", "", "")]
    [InlineData("SELECT * FROM Products_\u0001", "", "")]
    public void Reads_are_the_tables_in_FROM_JOIN_and_USING(string sql, string reads, string writes) => Assert(sql, reads, writes);

    [Theory]
    [InlineData("INSERT INTO Products (Name, Price) VALUES (@name, @price)", "", "Products")]
    [InlineData("insert into public.order_lines select * from cart_lines where cart_id = $1", "cart_lines", "order_lines")]
    [InlineData("UPDATE Products SET Price = @price WHERE Id = @id", "", "Products")]
    [InlineData("UPDATE TOP (10) [dbo].[Products] SET Stock = 0", "", "Products")]
    [InlineData("UPDATE p SET p.Stock = p.Stock - l.Quantity FROM Products p JOIN OrderLines l ON l.ProductId = p.Id", "Products,OrderLines", "Products")]
    [InlineData("DELETE FROM Reviews WHERE Id = :id", "Reviews", "Reviews")]
    [InlineData("DELETE r FROM Reviews r JOIN Products p ON p.Id = r.ProductId WHERE p.Deleted = 1", "Reviews,Products", "Reviews")]
    [InlineData("MERGE INTO Inventory AS t USING Restock AS s ON t.Sku = s.Sku WHEN MATCHED THEN UPDATE SET t.Qty = s.Qty WHEN NOT MATCHED THEN INSERT (Sku) VALUES (s.Sku);", "Restock", "Inventory")]
    [InlineData("INSERT INTO Stock (Sku, Qty) VALUES (@sku, 1) ON CONFLICT (Sku) DO UPDATE SET Qty = Stock.Qty + 1", "", "Stock")]
    [InlineData("INSERT INTO Stock (Sku, Qty) VALUES (?, 1) ON DUPLICATE KEY UPDATE Qty = Qty + 1", "", "Stock")]
    [InlineData("INSERT OR REPLACE INTO Settings (Key, Value) VALUES (@k, @v)", "", "Settings")]
    [InlineData("UPDATE Products SET Stock = Stock - 1 WHERE Id = @id; SELECT Stock FROM Products WHERE Id = @id", "Products", "Products")]
    [InlineData("WITH doomed AS (SELECT Id FROM Carts WHERE Expired = 1) DELETE FROM CartLines WHERE CartId IN (SELECT Id FROM doomed)", "Carts,CartLines", "CartLines")]
    public void Writes_are_the_targets_of_INSERT_UPDATE_DELETE_MERGE_and_REPLACE(string sql, string reads, string writes) => Assert(sql, reads, writes);

    [Theory]
    [InlineData("order_lines", "OrderLines")]
    [InlineData("PRODUCTS", "products")]
    public void Names_compare_ignoring_case_and_underscores(string a, string b) =>
        Xunit.Assert.Equal(SqlTables.Normalize(a), SqlTables.Normalize(b));

    private static void Assert(string sql, string reads, string writes)
    {
        var tables = SqlTables.Parse(sql);
        Xunit.Assert.Equal(Split(reads), tables.Reads.Distinct().Order());
        Xunit.Assert.Equal(Split(writes), tables.Writes.Distinct().Order());
    }

    private static IEnumerable<string> Split(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries).Order();
}
