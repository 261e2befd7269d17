using Cached;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Profiles;

/// <summary>Customer profiles on the database.</summary>
public sealed class Profiles(ShopDb db) : IProfiles
{
    // Read on every page a customer sees, changed by that customer alone: write-through, so the update's own result
    // becomes the cached profile (UpdateProfileAsync lists this method and returns its type) and the next page needs no
    // database read.
    [Cached(Ttl = "30m", Jitter = "5m", Strategy = CacheStrategy.WriteThrough, Tags = ["profile:{userId}"])]
    public async Task<ProfileView?> GetProfileAsync(int userId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new ProfileView(u.Id, u.DisplayName, u.Email, u.Currency))
            .FirstOrDefaultAsync(ct);

    [InvalidatesCache("profile:{userId}", Methods = [nameof(GetProfileAsync)])]
    public async Task<ProfileView?> UpdateProfileAsync(int userId, ProfileUpdate update, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }

        user.DisplayName = update.DisplayName;
        user.Currency = update.Currency;
        await db.SaveChangesAsync(ct);
        return new ProfileView(user.Id, user.DisplayName, user.Email, user.Currency);
    }
}
