using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cached.Configuration;

/// <summary>Checks <see cref="CachedOptions"/> at startup; every message starts with the setting's full path.</summary>
internal sealed class CachedOptionsValidator(string sectionPath) : IValidateOptions<CachedOptions>
{
    public ValidateOptionsResult Validate(string? name, CachedOptions options)
    {
        var failures = new List<string>();
        CheckDuration(failures, "DefaultTtl", options.DefaultTtl, mustBePositive: true);
        CheckDuration(failures, "DefaultJitter", options.DefaultJitter, mustBePositive: false);
        CheckDuration(failures, "L2:Timeout", options.L2.Timeout, mustBePositive: true);

        CheckWholeNumber(failures, "L1:MaxEntries", options.L1.UnparsedMaxEntries, options.L1.MaxEntries, 1, "L1 must hold at least 1 entry");
        CheckWholeNumber(failures, "L2:MaxKeyLength", options.L2.UnparsedMaxKeyLength, options.L2.MaxKeyLength, 64, "use at least 64 characters");
        CheckWholeNumber(failures, "L2:MaxPayloadBytes", options.L2.UnparsedMaxPayloadBytes, options.L2.MaxPayloadBytes, 1024, "use at least 1024 bytes");

        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            try
            {
                ConfigurationOptions.Parse(options.Redis);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or NotSupportedException)
            {
                failures.Add($"{sectionPath}:Redis: \"{options.Redis}\" is not a StackExchange.Redis configuration string ({ex.Message}).");
            }
        }

        if (options.KeyPrefix is { } prefix && prefix.Length > 0 && string.IsNullOrWhiteSpace(prefix))
        {
            failures.Add($"{sectionPath}:KeyPrefix: a prefix of white space only is not allowed; leave it empty for the entry assembly's name.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckWholeNumber(List<string> failures, string key, string? unparsed, int value, int minimum, string advice)
    {
        if (unparsed is not null)
        {
            failures.Add($"{sectionPath}:{key}: \"{unparsed}\" is not a whole number.");
        }
        else if (value < minimum)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{sectionPath}:{key}: {value} is not allowed; {advice}."));
        }
    }

    private void CheckDuration(List<string> failures, string key, string? text, bool mustBePositive)
    {
        if (!Duration.TryParse(text, out var value))
        {
            failures.Add($"{sectionPath}:{key}: \"{text}\" is not a duration; use {Duration.Forms}.");
        }
        else if (mustBePositive && value <= TimeSpan.Zero)
        {
            failures.Add($"{sectionPath}:{key}: \"{text}\" must be greater than zero.");
        }
    }
}
