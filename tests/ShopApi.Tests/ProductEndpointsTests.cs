using System.Net;
using System.Net.Http.Json;
using ShopApi.Catalog;
using ShopApi.Merchandising;

namespace ShopApi.Tests;

public sealed class ProductEndpointsTests : ShopApiTest
{
    [Fact]
    public async Task A_second_read_of_a_product_does_not_query_the_database()
    {
        Factory.Queries.Reset();
        var first = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");
        var afterFirst = Factory.Queries.Count;

        var second = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");

        Assert.True(afterFirst > 0, "the first read must reach the database");
        Assert.Equal(afterFirst, Factory.Queries.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_price_change_is_visible_to_the_next_read()
    {
        var before = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");
        var newPrice = before!.Price + 10.25m;

        var put = await Admin.PutAsJsonAsync("/products/1/price", new { price = newPrice });
        put.EnsureSuccessStatusCode();
        var after = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");

        Assert.Equal(newPrice, after!.Price);
    }

    [Fact]
    public async Task A_price_change_evicts_the_category_listing()
    {
        var product = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/2");
        var listing = await Anonymous.GetFromJsonAsync<List<ProductSummary>>($"/categories/{product!.Category}/products");
        Assert.Contains(listing!, p => p.Id == 2 && p.Price == product.Price);

        var put = await Admin.PutAsJsonAsync("/products/2/price", new { price = product.Price + 1m });
        put.EnsureSuccessStatusCode();
        var relisted = await Anonymous.GetFromJsonAsync<List<ProductSummary>>($"/categories/{product.Category}/products");

        Assert.Contains(relisted!, p => p.Id == 2 && p.Price == product.Price + 1m);
    }

    [Fact]
    public async Task A_move_evicts_the_listing_the_product_leaves_and_the_one_it_joins()
    {
        var product = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/3");
        var target = product!.Category == "category-0" ? "category-1" : "category-0";
        Assert.Contains(await Anonymous.GetFromJsonAsync<List<ProductSummary>>($"/categories/{product.Category}/products") ?? [], p => p.Id == 3);
        Assert.DoesNotContain(await Anonymous.GetFromJsonAsync<List<ProductSummary>>($"/categories/{target}/products") ?? [], p => p.Id == 3);

        var put = await Admin.PutAsJsonAsync("/products/3/category", new { category = target });
        put.EnsureSuccessStatusCode();

        Assert.DoesNotContain(await Anonymous.GetFromJsonAsync<List<ProductSummary>>($"/categories/{product.Category}/products") ?? [], p => p.Id == 3);
        Assert.Contains(await Anonymous.GetFromJsonAsync<List<ProductSummary>>($"/categories/{target}/products") ?? [], p => p.Id == 3);
        Assert.Equal(target, (await Anonymous.GetFromJsonAsync<ProductDetails>("/products/3"))!.Category);
    }

    [Fact]
    public async Task A_missing_product_is_404_and_asking_again_does_not_query_the_database()
    {
        var first = await Anonymous.GetAsync("/products/999999");
        Factory.Queries.Reset();

        var second = await Anonymous.GetAsync("/products/999999");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(0, Factory.Queries.Count);
    }

    [Fact]
    public async Task A_price_change_needs_an_admin()
    {
        var anonymous = await Anonymous.PutAsJsonAsync("/products/1/price", new { price = 5m });
        var customer = await Customer.PutAsJsonAsync("/products/1/price", new { price = 5m });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
    }

    [Fact]
    public async Task A_quote_applies_the_promotion_and_rate_and_follows_an_admin_change_at_once()
    {
        var product = await Anonymous.GetFromJsonAsync<ProductDetails>("/products/10");
        var before = await Anonymous.GetFromJsonAsync<PriceQuote>("/products/10/quote?currency=EUR");

        (await Admin.PutAsJsonAsync("/admin/rates/EUR", new { perDollar = 2m })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync($"/admin/promotions/{product!.Category}", new { percentOff = 50 })).EnsureSuccessStatusCode();
        var after = await Anonymous.GetFromJsonAsync<PriceQuote>("/products/10/quote?currency=EUR");

        Assert.Equal(Math.Round(product.Price * (100 - before!.PercentOff) / 100m * 0.92m, 2), before.Price);
        Assert.Equal(50, after!.PercentOff);
        Assert.Equal(Math.Round(product.Price * 0.5m * 2m, 2), after.Price);
    }

    [Fact]
    public async Task The_promotions_list_follows_an_admin_change_and_zero_ends_a_promotion()
    {
        await Anonymous.GetFromJsonAsync<List<PromotionView>>("/promotions");

        (await Admin.PutAsJsonAsync("/admin/promotions/category-3", new { percentOff = 25 })).EnsureSuccessStatusCode();
        var started = await Anonymous.GetFromJsonAsync<List<PromotionView>>("/promotions");
        (await Admin.PutAsJsonAsync("/admin/promotions/category-3", new { percentOff = 0 })).EnsureSuccessStatusCode();
        var ended = await Anonymous.GetFromJsonAsync<List<PromotionView>>("/promotions");

        Assert.Contains(new PromotionView("category-3", 25), started!);
        Assert.DoesNotContain(ended!, p => p.Category == "category-3");
    }

    [Fact]
    public async Task A_warm_quote_costs_no_query()
    {
        await Anonymous.GetFromJsonAsync<PriceQuote>("/products/11/quote?currency=GBP");
        Factory.Queries.Reset();

        var quote = await Anonymous.GetFromJsonAsync<PriceQuote>("/products/11/quote?currency=GBP");

        Assert.Equal("GBP", quote!.Currency);
        Assert.Equal(0, Factory.Queries.Count);
    }

    [Fact]
    public async Task The_top_sellers_board_is_ranked_and_served_from_the_cache_when_warm()
    {
        var board = await Anonymous.GetFromJsonAsync<List<TopSeller>>("/top-sellers?count=5");
        Factory.Queries.Reset();

        var again = await Anonymous.GetFromJsonAsync<List<TopSeller>>("/top-sellers?count=5");

        Assert.Equal(5, board!.Count);
        Assert.Equal(board.OrderByDescending(b => b.UnitsSold).Select(b => b.UnitsSold), board.Select(b => b.UnitsSold));
        Assert.Equal(board, again);
        Assert.Equal(0, Factory.Queries.Count);
    }

    [Fact]
    public async Task Views_are_counted()
    {
        await Anonymous.PostAsync("/products/7/views", null);
        await Anonymous.PostAsync("/products/7/views", null);

        Assert.Equal(2, await Anonymous.GetFromJsonAsync<long>("/products/7/views"));
    }
}
