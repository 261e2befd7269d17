// Compiled into the runtime (configuration), the generator (attribute values) and the analyzers (diagnostics), so
// that a duration string means the same thing at compile time and at startup. Keep it netstandard2.0-clean.
using System;
using System.Globalization;

namespace Cached;

/// <summary>Parses the duration strings of attributes and configuration: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or <c>hh:mm:ss</c>.</summary>
internal static class Duration
{
    /// <summary>The forms a duration string may take, for error messages.</summary>
    public const string Forms = "\"500ms\", \"30s\", \"5m\", \"2h\", \"1d\" or \"hh:mm:ss\"";

    /// <summary>Parses <paramref name="text"/>; a negative duration or an unknown unit fails.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        if (s.IndexOf(':') >= 0)
        {
            return TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var unitStart = s.Length;
        while (unitStart > 0 && char.IsLetter(s[unitStart - 1]))
        {
            unitStart--;
        }

        if (unitStart == 0 || unitStart == s.Length)
        {
            return false;
        }

        var number = s.Substring(0, unitStart);
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        decimal ticksPerUnit;
        switch (s.Substring(unitStart))
        {
            case "ms": ticksPerUnit = TimeSpan.TicksPerMillisecond; break;
            case "s": ticksPerUnit = TimeSpan.TicksPerSecond; break;
            case "m": ticksPerUnit = TimeSpan.TicksPerMinute; break;
            case "h": ticksPerUnit = TimeSpan.TicksPerHour; break;
            case "d": ticksPerUnit = TimeSpan.TicksPerDay; break;
            default: return false;
        }

        var ticks = amount * ticksPerUnit;
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
