namespace ShopApi.Profiles;

/// <summary>Customer profiles. Its implementation is wrapped by a generated caching decorator.</summary>
public interface IProfiles
{
    /// <summary>A customer's profile, or <c>null</c> when there is no such customer.</summary>
    Task<ProfileView?> GetProfileAsync(int userId, CancellationToken ct = default);

    /// <summary>Changes a customer's display name and currency; <c>null</c> when there is no such customer.</summary>
    Task<ProfileView?> UpdateProfileAsync(int userId, ProfileUpdate update, CancellationToken ct = default);
}
