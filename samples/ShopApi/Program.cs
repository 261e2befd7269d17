using Microsoft.EntityFrameworkCore;
using ShopApi.Catalog;
using ShopApi.Data;
using ShopApi.Endpoints;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContext<ShopDb>(options =>
    options.UseSqlite(builder.Configuration.GetConnectionString("Shop") ?? "Data Source=shop.db"));
builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection("Seed"));
builder.Services.AddOpenApi();

// L1 only unless Redis is configured, as Cached:Redis or as the conventional ConnectionStrings:Redis.
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis && string.IsNullOrEmpty(builder.Configuration["Cached:Redis"]))
{
    builder.Configuration["Cached:Redis"] = redis;
}

builder.Services.AddScoped<ICatalog, Catalog>();
builder.Services.AddCached(builder.Configuration.GetSection("Cached"))
                .AddCachedDecorators();

var app = builder.Build();

await ShopSeeder.EnsureSeededAsync(app.Services);

app.MapOpenApi();
app.MapProductEndpoints();

app.Run();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
