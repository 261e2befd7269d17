using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ShopApi.Tests;

public sealed class HttpCachingTests : ShopApiTest
{
    [Theory]
    [InlineData("/products/1")]
    [InlineData("/categories/category-1/products")]
    [InlineData("/products/1/reviews")]
    [InlineData("/top-sellers")]
    [InlineData("/rates")]
    public async Task Shared_responses_carry_public_cache_control_and_a_strong_etag(string path)
    {
        var response = await Anonymous.GetAsync(path);

        response.EnsureSuccessStatusCode();
        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.True(cacheControl.MaxAge > TimeSpan.Zero);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-while-revalidate" && int.Parse(e.Value!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_without_a_body()
    {
        var first = await Anonymous.GetAsync("/products/1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products/1");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task A_write_changes_the_etag_so_the_old_one_gets_the_new_body()
    {
        var first = await Anonymous.GetAsync("/products/1");
        (await Admin.PutAsJsonAsync("/products/1/price", new { price = 123.45m })).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products/1");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.Contains("123.45", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unrelated_etag_gets_the_full_response()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products/1");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));

        var response = await Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Per_user_responses_are_private_and_never_stored()
    {
        var profile = await Customer.GetAsync("/me/profile");
        var order = await Customer.PostAsJsonAsync("/orders", new { productId = 9, quantity = 1 });
        var review = await Customer.PostAsJsonAsync("/products/9/reviews", new { rating = 4, text = "Fine." });

        foreach (var response in new[] { profile, order, review })
        {
            response.EnsureSuccessStatusCode();
            Assert.True(response.Headers.CacheControl!.Private, response.RequestMessage!.RequestUri!.ToString());
            Assert.True(response.Headers.CacheControl.NoStore, response.RequestMessage.RequestUri.ToString());
            Assert.Null(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task Stock_is_never_stored_by_a_cdn()
    {
        var response = await Anonymous.GetAsync("/products/1/stock");

        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.False(response.Headers.CacheControl.Public);
    }
}
