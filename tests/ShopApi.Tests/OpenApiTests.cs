using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ShopApi.Tests;

public sealed class OpenApiTests : ShopApiTest
{
    [Fact]
    public async Task The_document_is_valid_and_describes_every_endpoint_with_its_responses()
    {
        var json = await Anonymous.GetByteArrayAsync("/openapi/v1.json");

        var read = OpenApiDocument.Load(new MemoryStream(json), "json");

        Assert.Empty(read.Diagnostic!.Errors);
        var document = read.Document!;
        var described = document.Paths.SelectMany(path => path.Value.Operations!.Select(op => (Path: path.Key, Method: op.Key.Method, Operation: op.Value))).ToList();
        var mapped = MappedEndpoints().ToList();
        Assert.True(mapped.Count >= 20, $"only {mapped.Count} endpoints found");
        foreach (var (path, method) in mapped)
        {
            var operation = described.SingleOrDefault(d => d.Path == path && d.Method == method).Operation;
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document");
            Assert.NotEmpty(operation.Responses!);
        }
    }

    [Fact]
    public async Task The_document_lists_the_cdn_and_auth_answers_and_the_api_key_scheme()
    {
        var read = OpenApiDocument.Load(new MemoryStream(await Anonymous.GetByteArrayAsync("/openapi/v1.json")), "json");
        var paths = read.Document!.Paths;

        Assert.Contains("304", paths["/products/{id}"].Operations![HttpMethod.Get].Responses!.Keys);
        Assert.Contains("401", paths["/admin/cache/invalidate"].Operations![HttpMethod.Post].Responses!.Keys);
        Assert.Contains("403", paths["/admin/cache/invalidate"].Operations![HttpMethod.Post].Responses!.Keys);
        Assert.Equal("X-Api-Key", read.Document.Components!.SecuritySchemes!["ApiKey"].Name);
        Assert.NotEmpty(paths["/admin/cache/invalidate"].Operations![HttpMethod.Post].Security!);
        Assert.Null(paths["/products/{id}"].Operations![HttpMethod.Get].Security);
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var response = await Anonymous.GetAsync("/docs/");

        response.EnsureSuccessStatusCode();
        Assert.Contains("scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private IEnumerable<(string Path, string Method)> MappedEndpoints()
    {
        var sources = Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            var pattern = endpoint.RoutePattern.RawText!;
            if (pattern.StartsWith("/openapi", StringComparison.Ordinal) || pattern.StartsWith("/docs", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in methods)
            {
                yield return (OpenApiPath(pattern), method);
            }
        }
    }

    // Route constraints ({id:int}) are not part of an OpenAPI path; a trailing slash from a group's "" route is dropped.
    private static string OpenApiPath(string pattern)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]+\}", "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
