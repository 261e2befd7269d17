namespace ShopApi.Profiles;

/// <summary>A customer's profile as the API and the cache see it.</summary>
public sealed record ProfileView(int UserId, string DisplayName, string Email, string Currency);

/// <summary>The body of <c>PUT /me/profile</c>.</summary>
public sealed record ProfileUpdate(string DisplayName, string Currency);
