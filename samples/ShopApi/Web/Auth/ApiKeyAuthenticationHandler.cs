using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ShopApi.Web.Auth;

/// <summary>
/// Signs a request in from its <c>X-Api-Key</c> header, against the keys of <see cref="ApiKeySettings"/>: a known key
/// yields its customer's id and, for an admin key, the <c>admin</c> role. No header: anonymous (401 where sign-in is required).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiKeySettings> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The role of admin keys, and the name of the policy that requires it.</summary>
    public const string AdminRole = "admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.ToString() is not { Length: > 0 } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var entry = Find(presented);
        if (entry is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        List<Claim> claims = [new(ClaimTypes.NameIdentifier, entry.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (entry.Admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    // Compares against every key in constant time, so response timing says nothing about how much of a key matched.
    private ApiKeyEntry? Find(string presented)
    {
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        ApiKeyEntry? match = null;
        foreach (var entry in keys.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(entry.Key)))
            {
                match = entry;
            }
        }

        return match;
    }
}
