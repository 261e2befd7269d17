using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Caching.Hybrid;

// One "app server" of a multi-node deployment: products read through HybridCache (Cached's) from a "database" of one
// file per product in the directory given by --Database; a PUT writes the file, then invalidates the product's tag.
// Started with: dotnet Cached.TestHost.dll --urls http://127.0.0.1:PORT --Database DIR --Cached:Redis HOST:PORT --Cached:KeyPrefix P
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddCached(builder.Configuration.GetSection("Cached"));
builder.Services.AddHealthChecks().AddCached();
var app = builder.Build();
var database = builder.Configuration["Database"] ?? throw new InvalidOperationException("--Database is required.");
var factoryRuns = 0;

app.MapGet("/products/{id:int}", async (int id, HybridCache cache, CancellationToken ct) =>
    await cache.GetOrCreateAsync(
        $"product|{id}",
        async token =>
        {
            Interlocked.Increment(ref factoryRuns);
            var path = Path.Combine(database, id.ToString(CultureInfo.InvariantCulture));
            return File.Exists(path) ? await File.ReadAllTextAsync(path, token) : "absent";
        },
        new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10) },
        [$"product:{id}"],
        ct));

app.MapPut("/products/{id:int}", async (int id, HttpRequest request, HybridCache cache) =>
{
    using var reader = new StreamReader(request.Body);
    await File.WriteAllTextAsync(Path.Combine(database, id.ToString(CultureInfo.InvariantCulture)), await reader.ReadToEndAsync());
    await cache.RemoveByTagAsync($"product:{id}");
    return Results.NoContent();
});

app.MapGet("/factory-runs", () => Volatile.Read(ref factoryRuns));
app.MapHealthChecks("/health", new HealthCheckOptions
{
    ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
});
app.Run();
