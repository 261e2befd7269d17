namespace ShopApi.Data;

/// <summary>A customer's profile: read on every page of a signed-in user, written rarely.</summary>
public sealed class UserProfile
{
    public int Id { get; set; }

    public required string DisplayName { get; set; }

    public required string Email { get; set; }

    public required string Currency { get; set; }
}
