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

        if (options.L1.UnparsedMaxEntries is { } unparsed)
        {
            failures.Add($"{sectionPath}:L1:MaxEntries: \"{unparsed}\" is not a whole number of entries.");
        }
        else if (options.L1.MaxEntries < 1)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{sectionPath}:L1:MaxEntries: {options.L1.MaxEntries} is not allowed; L1 must hold at least 1 entry."));
        }

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
