using System.Security.Claims;
using ShopApi.Inventory;
using ShopApi.Profiles;
using ShopApi.Web;
using ShopApi.Web.Auth;

namespace ShopApi.Endpoints;

/// <summary>The signed-in customer's own data: every response is <c>private, no-store</c>.</summary>
public static class AccountEndpoints
{
    /// <summary>Maps <c>/me/profile</c> and <c>/orders</c>, for signed-in customers.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("").WithTags("Account").RequireAuthorization().PrivateNoStore();

        account.MapGet("/me/profile", async Task<IResult> (ClaimsPrincipal user, IProfiles profiles, CancellationToken ct) =>
                await profiles.GetProfileAsync(user.UserId(), ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound())
            .WithName("GetMyProfile")
            .Produces<ProfileView>()
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status401Unauthorized);

        account.MapPut("/me/profile", async Task<IResult> (ProfileUpdate update, ClaimsPrincipal user, IProfiles profiles, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(update.DisplayName) || update.Currency is not { Length: 3 })
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = ["A display name and a three-letter currency are required."] });
                }

                return await profiles.UpdateProfileAsync(user.UserId(), update with { Currency = update.Currency.ToUpperInvariant() }, ct) is { } profile
                    ? TypedResults.Ok(profile)
                    : TypedResults.NotFound();
            })
            .WithName("UpdateMyProfile")
            .Produces<ProfileView>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status401Unauthorized);

        account.MapPost("/orders", async Task<IResult> (NewOrder order, ClaimsPrincipal user, IInventory inventory, CancellationToken ct) =>
            {
                if (order.Quantity <= 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["The quantity must be positive."] });
                }

                var outcome = await inventory.PlaceOrderAsync(user.UserId(), order.ProductId, order.Quantity, ct);
                return outcome switch
                {
                    { Order: { } placed } => TypedResults.Created($"/orders/{placed.Id}", placed),
                    { Refusal: OrderRefusal.UnknownProduct } => TypedResults.NotFound(),
                    _ => TypedResults.Conflict(),
                };
            })
            .WithName("PlaceOrder")
            .Produces<OrderView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status409Conflict)
            .Produces(StatusCodes.Status401Unauthorized);

        return app;
    }
}
