namespace ShopApi.Web.Auth;

/// <summary>The API keys the shop accepts (configuration section <c>Auth</c>).</summary>
public sealed class ApiKeySettings
{
    /// <summary>Configuration key <c>Auth:ApiKeys</c>: each key, whose customer it signs in, and whether it is an admin's.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>One API key: sent as the <c>X-Api-Key</c> header, it signs in customer <see cref="UserId"/>.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The secret. Required, at least 16 characters.</summary>
    public string Key { get; set; } = "";

    /// <summary>The customer the key signs in. Must be positive.</summary>
    public int UserId { get; set; }

    /// <summary>Whether the key grants the <c>admin</c> role (cache invalidation, prices, rates, promotions).</summary>
    public bool Admin { get; set; }
}
