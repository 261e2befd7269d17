using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShopApi.Data;
using ShopApi.Merchandising;
using ShopApi.Profiles;

namespace ShopApi.Tests;

public sealed class StrategyTests : ShopApiTest
{
    private const int MissingId = ShopApiFactory.Products + 1_000;

    [Fact]
    public async Task After_a_profile_update_the_next_read_returns_the_new_profile_without_a_query()
    {
        await Customer.GetFromJsonAsync<ProfileView>("/me/profile");
        (await Customer.PutAsJsonAsync("/me/profile", new { displayName = "Grace", currency = "gbp" })).EnsureSuccessStatusCode();
        Factory.Queries.Reset();

        var after = await Customer.GetFromJsonAsync<ProfileView>("/me/profile");

        Assert.Equal(new ProfileView(2, "Grace", "customer2@example.com", "GBP"), after);
        Assert.Equal(0, Factory.Queries.Count);
    }

    [Fact]
    public async Task The_top_sellers_board_is_warmed_at_startup_so_the_first_visitor_makes_no_query()
    {
        Factory.Queries.Reset();

        var board = await Anonymous.GetFromJsonAsync<List<TopSeller>>("/top-sellers");

        Assert.Equal(TopSellers.BoardSize, board!.Count);
        Assert.Equal(0, Factory.Queries.Count);
    }

    [Fact]
    public async Task A_missing_product_asked_for_many_times_costs_one_query()
    {
        Factory.Queries.Reset();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/products/{MissingId}")).StatusCode);
        }

        Assert.Equal(1, Factory.Queries.Count);
    }

    [Fact]
    public async Task Without_redis_view_counts_are_written_inline_each_with_its_idempotency_key()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Anonymous.PostAsync("/products/9/views", null)).StatusCode);
        }

        Assert.Equal(3, await Anonymous.GetFromJsonAsync<long>("/products/9/views"));
        Assert.Equal(3, await AppliedWritesAsync(Factory));
    }

    [Fact]
    public async Task Idempotency_keys_older_than_a_day_are_pruned_and_recent_ones_kept()
    {
        using var factory = new ShopApiFactory();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            db.AppliedWrites.Add(new AppliedWrite { Key = "old", AppliedAt = DateTime.UtcNow - TimeSpan.FromDays(2) });
            db.AppliedWrites.Add(new AppliedWrite { Key = "recent", AppliedAt = DateTime.UtcNow - TimeSpan.FromHours(1) });
            await db.SaveChangesAsync();
        }

        var pruned = await factory.Services.GetRequiredService<AppliedWritesPruner>().PruneAsync(CancellationToken.None);

        Assert.Equal(1, pruned);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(["recent"], await check.ServiceProvider.GetRequiredService<ShopDb>().AppliedWrites.Select(w => w.Key).ToListAsync());
    }

    /// <summary>The idempotency keys the view counter recorded next to its increments.</summary>
    internal static async Task<int> AppliedWritesAsync(ShopApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDb>().AppliedWrites.CountAsync();
    }
}
