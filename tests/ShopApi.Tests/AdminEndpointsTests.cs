using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using ShopApi.Catalog;

namespace ShopApi.Tests;

public sealed class AdminEndpointsTests : ShopApiTest
{
    private static readonly object s_request = new { tags = new[] { "product:1" } };

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key-we-know-of-at-all", HttpStatusCode.Unauthorized)]
    [InlineData(ShopApiFactory.CustomerKey, HttpStatusCode.Forbidden)]
    public async Task Invalidation_needs_an_admin_key(string? apiKey, HttpStatusCode expected)
    {
        using var client = apiKey is null ? Factory.CreateClient() : Factory.CreateClient(apiKey);

        var response = await client.PostAsJsonAsync("/admin/cache/invalidate", s_request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Invalidation_by_an_admin_evicts_the_tagged_entries()
    {
        await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");
        Factory.Queries.Reset();
        await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");
        Assert.Equal(0, Factory.Queries.Count);

        var response = await Admin.PostAsJsonAsync("/admin/cache/invalidate", s_request);
        await Anonymous.GetFromJsonAsync<ProductDetails>("/products/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Factory.Queries.Count);
    }

    [Fact]
    public async Task Invalidation_with_nothing_to_invalidate_is_a_validation_problem()
    {
        var response = await Admin.PostAsJsonAsync("/admin/cache/invalidate", new { tags = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void A_short_api_key_stops_the_app_at_startup_naming_the_setting()
    {
        using var factory = new ShopApiFactory().WithWebHostBuilder(builder => builder.UseSetting("Auth:ApiKeys:1:Key", "short"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Auth:ApiKeys:1:Key", error.Message);
    }
}
