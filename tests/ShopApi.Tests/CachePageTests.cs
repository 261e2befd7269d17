using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ShopApi.Web.CachePage;

namespace ShopApi.Tests;

public sealed partial class CachePageTests : ShopApiTest
{
    private const string GetProduct = "ShopApi.Catalog.Catalog.GetProductAsync";

    [Fact]
    public async Task The_page_shows_per_method_hits_and_misses_after_some_traffic()
    {
        for (var i = 0; i < 4; i++)
        {
            await Anonymous.GetAsync("/products/42");
        }

        var html = await Anonymous.GetStringAsync("/cache");

        var row = RowOf(html, GetProduct);
        Assert.True(Cell(row, "l1-hits") >= 3, row);
        Assert.True(Cell(row, "misses") >= 1, row);
        Assert.Contains("<meta http-equiv=\"refresh\"", html);
    }

    [Fact]
    public async Task The_stats_follow_the_engine_meter_and_count_database_queries()
    {
        var before = await Anonymous.GetFromJsonAsync<CacheStats>("/cache/stats");
        await Anonymous.GetAsync("/products/43");
        await Anonymous.GetAsync("/products/43");

        var after = await Anonymous.GetFromJsonAsync<CacheStats>("/cache/stats");

        var methodBefore = before!.Methods.SingleOrDefault(m => m.Method == GetProduct);
        var methodAfter = after!.Methods.Single(m => m.Method == GetProduct);
        Assert.True(after.Caching);
        Assert.False(after.Redis);
        Assert.Equal((methodBefore?.Counters.GetValueOrDefault("cached.misses") ?? 0) + 1, methodAfter.Counters["cached.misses"]);
        Assert.Equal((methodBefore?.Counters.GetValueOrDefault("cached.l1.hits") ?? 0) + 1, methodAfter.Counters["cached.l1.hits"]);
        Assert.True(after.DatabaseQueries > before.DatabaseQueries);
    }

    [Fact]
    public async Task The_page_shows_each_methods_read_latency_from_the_engine_meter()
    {
        for (var i = 0; i < 5; i++)
        {
            await Anonymous.GetAsync("/products/44");
        }

        var stats = await Anonymous.GetFromJsonAsync<CacheStats>("/cache/stats");
        var html = await Anonymous.GetStringAsync("/cache");

        var latency = stats!.Methods.Single(m => m.Method == GetProduct).ReadLatency;
        Assert.NotNull(latency);
        Assert.True(latency.Samples >= 5, $"{latency.Samples} samples");
        Assert.True(latency.P50 <= latency.P99, $"p50 {latency.P50} > p99 {latency.P99}");
        var row = RowOf(html, GetProduct);
        Assert.Matches("<td class=\"p50\">[0-9.]+ ms</td><td class=\"p99\">[0-9.]+ ms</td>", row);
    }

    private static string RowOf(string html, string method)
    {
        var match = Regex.Match(html, $"<tr data-method=\"{Regex.Escape(method)}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {method} in:\n{html}");
        return match.Value;
    }

    private static long Cell(string row, string cssClass) =>
        long.Parse(Regex.Match(row, $"<td class=\"{cssClass}\">(\\d+)</td>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
