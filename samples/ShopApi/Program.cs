using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using ShopApi.Catalog;
using ShopApi.Data;
using ShopApi.Endpoints;
using ShopApi.Inventory;
using ShopApi.Merchandising;
using ShopApi.Profiles;
using ShopApi.Reviews;
using ShopApi.Web.Auth;
using ShopApi.Web.CachePage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<DatabaseCommandCounter>();
// A factory as well as the scoped context: the top-sellers board is refreshed in the background, after its request.
builder.Services.AddDbContextFactory<ShopDb>((services, options) => options
    .UseSqlite(builder.Configuration.GetConnectionString("Shop") ?? "Data Source=shop.db")
    .AddInterceptors(services.GetRequiredService<DatabaseCommandCounter>()));
builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection("Seed"));
builder.Services.AddOpenApi(options => options.AddApiKeySecurity());

builder.Services.AddOptions<ApiKeySettings>().Bind(builder.Configuration.GetSection("Auth")).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ApiKeySettings>, ApiKeySettingsValidator>();
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(ApiKeyAuthenticationHandler.AdminRole, policy => policy.RequireRole(ApiKeyAuthenticationHandler.AdminRole));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ICatalog, Catalog>();
builder.Services.AddScoped<IReviews, ProductReviews>();
builder.Services.AddScoped<IProfiles, Profiles>();
builder.Services.AddScoped<ITopSellers, TopSellers>();
builder.Services.AddScoped<IPricing, Pricing>();
builder.Services.AddScoped<IInventory, Inventory>();
builder.Services.AddScoped<IViewCounter, ViewCounter>();
builder.Services.AddSingleton<AppliedWritesPruner>();
builder.Services.AddHostedService(services => services.GetRequiredService<AppliedWritesPruner>());

// L1 only unless Redis is configured, as Cached:Redis or as the conventional ConnectionStrings:Redis.
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis && string.IsNullOrEmpty(builder.Configuration["Cached:Redis"]))
{
    builder.Configuration["Cached:Redis"] = redis;
}

// Shop:Caching=false leaves the services unwrapped: the baseline the load generator compares the cache against.
var caching = new CacheEndpoints.CachingSwitch(builder.Configuration.GetValue("Shop:Caching", true));
builder.Services.AddSingleton(caching);
builder.Services.AddSingleton<CacheMeterReader>();
builder.Services.AddCached(builder.Configuration.GetSection("Cached"));
if (caching.Enabled)
{
    builder.Services.AddCachedDecorators();
}

// The home page's board is read by the first visitor: computed before the app takes traffic, refresh-ahead keeps it hot.
builder.Services.AddCachedWarmup(
    "top-sellers board",
    (services, ct) => services.GetRequiredService<ITopSellers>().GetTopSellersAsync(TopSellers.BoardSize, ct),
    beforeStartup: true);

var app = builder.Build();

// Listen from the first request on, so the /cache page counts everything.
app.Services.GetRequiredService<CacheMeterReader>();
await ShopSeeder.EnsureSeededAsync(app.Services);

app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapProductEndpoints();
app.MapAccountEndpoints();
app.MapMerchandisingEndpoints();
app.MapAdminEndpoints();
app.MapCacheEndpoints();

app.Run();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
