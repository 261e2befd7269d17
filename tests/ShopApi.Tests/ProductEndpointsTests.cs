using System.Net;
using System.Net.Http.Json;
using ShopApi.Catalog;

namespace ShopApi.Tests;

public sealed class ProductEndpointsTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();
    private readonly HttpClient _client;

    public ProductEndpointsTests() => _client = _factory.CreateClient();

    [Fact]
    public async Task A_second_read_of_a_product_does_not_query_the_database()
    {
        _factory.Queries.Reset();
        var first = await _client.GetFromJsonAsync<ProductDetails>("/products/1");
        var afterFirst = _factory.Queries.Count;

        var second = await _client.GetFromJsonAsync<ProductDetails>("/products/1");

        Assert.True(afterFirst > 0, "the first read must reach the database");
        Assert.Equal(afterFirst, _factory.Queries.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_price_change_is_visible_to_the_next_read()
    {
        var before = await _client.GetFromJsonAsync<ProductDetails>("/products/1");
        var newPrice = before!.Price + 10.25m;

        var put = await _client.PutAsJsonAsync("/products/1/price", new { price = newPrice });
        put.EnsureSuccessStatusCode();
        var after = await _client.GetFromJsonAsync<ProductDetails>("/products/1");

        Assert.Equal(newPrice, after!.Price);
    }

    [Fact]
    public async Task A_price_change_evicts_the_category_listing()
    {
        var product = await _client.GetFromJsonAsync<ProductDetails>("/products/2");
        var listing = await _client.GetFromJsonAsync<List<ProductSummary>>($"/categories/{product!.Category}/products");
        Assert.Contains(listing!, p => p.Id == 2 && p.Price == product.Price);

        var put = await _client.PutAsJsonAsync("/products/2/price", new { price = product.Price + 1m });
        put.EnsureSuccessStatusCode();
        var relisted = await _client.GetFromJsonAsync<List<ProductSummary>>($"/categories/{product.Category}/products");

        Assert.Contains(relisted!, p => p.Id == 2 && p.Price == product.Price + 1m);
    }

    [Fact]
    public async Task A_missing_product_is_404()
    {
        var response = await _client.GetAsync("/products/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_product_endpoints()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/products/{id}", document);
        Assert.Contains("/categories/{name}/products", document);
        Assert.Contains("/products/{id}/price", document);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}
