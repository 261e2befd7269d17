using System.Net;
using System.Net.Http.Json;
using ShopApi.Inventory;
using ShopApi.Profiles;
using ShopApi.Reviews;

namespace ShopApi.Tests;

public sealed class AccountEndpointsTests : ShopApiTest
{
    [Fact]
    public async Task A_profile_belongs_to_the_key_that_asks_and_is_never_anonymous()
    {
        var mine = await Customer.GetFromJsonAsync<ProfileView>("/me/profile");
        var anonymous = await Anonymous.GetAsync("/me/profile");

        Assert.Equal(2, mine!.UserId);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_profile_update_is_visible_to_the_next_read()
    {
        await Customer.GetFromJsonAsync<ProfileView>("/me/profile");

        (await Customer.PutAsJsonAsync("/me/profile", new { displayName = "Ada", currency = "eur" })).EnsureSuccessStatusCode();
        var after = await Customer.GetFromJsonAsync<ProfileView>("/me/profile");

        Assert.Equal(new ProfileView(2, "Ada", "customer2@example.com", "EUR"), after);
    }

    [Fact]
    public async Task A_new_review_shows_on_the_product_at_once()
    {
        var before = await Anonymous.GetFromJsonAsync<ReviewPage>("/products/4/reviews");

        var post = await Customer.PostAsJsonAsync("/products/4/reviews", new { rating = 5, text = "Lovely." });
        post.EnsureSuccessStatusCode();
        var after = await Anonymous.GetFromJsonAsync<ReviewPage>("/products/4/reviews");

        Assert.Equal(before!.Count + 1, after!.Count);
        Assert.Equal("Lovely.", after.Latest[0].Text);
    }

    [Fact]
    public async Task A_review_needs_a_signed_in_customer()
    {
        var response = await Anonymous.PostAsJsonAsync("/products/4/reviews", new { rating = 5, text = "Lovely." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_order_takes_stock_and_the_last_unit_cannot_be_sold_twice()
    {
        var stock = await Anonymous.GetFromJsonAsync<StockView>("/products/5/stock");

        var all = await Customer.PostAsJsonAsync("/orders", new { productId = 5, quantity = stock!.OnHand });
        var oneMore = await Customer.PostAsJsonAsync("/orders", new { productId = 5, quantity = 1 });
        var after = await Anonymous.GetFromJsonAsync<StockView>("/products/5/stock");

        Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, oneMore.StatusCode);
        Assert.Equal(0, after!.OnHand);
    }

    [Fact]
    public async Task Every_stock_read_queries_the_database()
    {
        const int reads = 5;
        await Anonymous.GetFromJsonAsync<StockView>("/products/6/stock");
        Factory.Queries.Reset();

        for (var i = 0; i < reads; i++)
        {
            await Anonymous.GetFromJsonAsync<StockView>("/products/6/stock");
        }

        Assert.Equal(reads, Factory.Queries.Count);
    }

    [Fact]
    public async Task An_order_placed_between_two_stock_reads_shows_in_the_second()
    {
        var before = await Anonymous.GetFromJsonAsync<StockView>("/products/8/stock");

        (await Customer.PostAsJsonAsync("/orders", new { productId = 8, quantity = 3 })).EnsureSuccessStatusCode();
        var after = await Anonymous.GetFromJsonAsync<StockView>("/products/8/stock");

        Assert.Equal(before!.OnHand - 3, after!.OnHand);
    }
}
