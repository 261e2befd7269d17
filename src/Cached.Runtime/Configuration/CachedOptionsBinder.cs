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

        BindWholeNumber(section, "L1:MaxEntries", value => options.L1.MaxEntries = value, text => options.L1.UnparsedMaxEntries = text);
        BindWholeNumber(section, "L2:MaxKeyLength", value => options.L2.MaxKeyLength = value, text => options.L2.UnparsedMaxKeyLength = text);
        BindWholeNumber(section, "L2:MaxPayloadBytes", value => options.L2.MaxPayloadBytes = value, text => options.L2.UnparsedMaxPayloadBytes = text);

        if (section["L2:Timeout"] is { } timeout)
        {
            options.L2.Timeout = timeout;
        }
    }

    /// <summary>Binds a whole number, or keeps the text (for validation to report) when it is not one.</summary>
    private static void BindWholeNumber(IConfiguration section, string key, Action<int> set, Action<string?> setUnparsed)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            set(parsed);
            setUnparsed(null);
        }
        else
        {
            setUnparsed(text);
        }
    }
}
