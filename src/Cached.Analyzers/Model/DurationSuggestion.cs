using System;
using System.Globalization;

namespace Cached.Analyzers.Model;

/// <summary>
/// Reads the intent of a duration written the way people speak (<c>"10 min"</c>, <c>"2 hours"</c>, <c>"500 ms"</c>) and
/// offers the canonical form. Only a number followed by a recognised unit word has an obvious intent; anything else
/// gets no suggestion, so the CACHE002 code fix never guesses.
/// </summary>
internal static class DurationSuggestion
{
    /// <summary>The canonical form <paramref name="text"/> most likely means, or <c>null</c>.</summary>
    public static string? For(string text)
    {
        var s = text.Trim();
        var numberEnd = 0;
        while (numberEnd < s.Length && (char.IsDigit(s[numberEnd]) || s[numberEnd] == '.'))
        {
            numberEnd++;
        }

        if (numberEnd == 0 ||
            !decimal.TryParse(s.Substring(0, numberEnd), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        var unit = CanonicalUnit(s.Substring(numberEnd).Trim());
        if (unit is null)
        {
            return null;
        }

        var candidate = s.Substring(0, numberEnd) + unit;
        return Duration.TryParse(candidate, out _) ? candidate : null;
    }

    private static string? CanonicalUnit(string word)
    {
        // A capital M alone is as likely "months" as "minutes": no obvious intent.
        if (word == "M")
        {
            return null;
        }

        switch (word.ToLowerInvariant())
        {
            case "ms":
            case "msec":
            case "msecs":
            case "millis":
            case "millisecond":
            case "milliseconds":
                return "ms";
            case "s":
            case "sec":
            case "secs":
            case "second":
            case "seconds":
                return "s";
            case "m":
            case "min":
            case "mins":
            case "minute":
            case "minutes":
                return "m";
            case "h":
            case "hr":
            case "hrs":
            case "hour":
            case "hours":
                return "h";
            case "d":
            case "day":
            case "days":
                return "d";
            default:
                return null;
        }
    }
}
