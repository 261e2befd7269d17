using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Cached.Configuration;

/// <summary>
/// Binds the fixed keys of the <c>Cached</c> section by hand: no reflection (AOT-safe), and a value of the wrong
/// shape is kept for validation to report with the setting's name instead of failing inside the binder.
/// </summary>
internal static class CachedOptionsBinder
{
    public static void Bind(IConfiguration section, CachedOptions options)
    {
        if (section["Redis"] is { } redis)
        {
            options.Redis = redis;
        }

        if (section["KeyPrefix"] is { } keyPrefix)
        {
            options.KeyPrefix = keyPrefix;
        }

        if (section["DefaultTtl"] is { } ttl)
        {
            options.DefaultTtl = ttl;
        }

        if (section["DefaultJitter"] is { } jitter)
        {
            options.DefaultJitter = jitter;
        }

        if (section["L1:MaxEntries"] is { } maxEntries)
        {
            if (int.TryParse(maxEntries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                options.L1.MaxEntries = parsed;
                options.L1.UnparsedMaxEntries = null;
            }
            else
            {
                options.L1.UnparsedMaxEntries = maxEntries;
            }
        }

        if (section["L2:Timeout"] is { } timeout)
        {
            options.L2.Timeout = timeout;
        }
    }
}
