using System.Globalization;
using System.Security.Claims;

namespace ShopApi.Web.Auth;

/// <summary>Reads the signed-in customer from a principal made by <see cref="ApiKeyAuthenticationHandler"/>.</summary>
public static class UserClaims
{
    /// <summary>The customer id of a signed-in principal.</summary>
    public static int UserId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}
