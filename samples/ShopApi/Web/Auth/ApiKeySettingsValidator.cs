using Microsoft.Extensions.Options;

namespace ShopApi.Web.Auth;

/// <summary>Stops the app at startup on a bad <c>Auth:ApiKeys</c> entry, naming the setting.</summary>
public sealed class ApiKeySettingsValidator : IValidateOptions<ApiKeySettings>
{
    private const int MinimumKeyLength = 16;

    /// <summary>Lists every bad entry, each naming its setting.</summary>
    public ValidateOptionsResult Validate(string? name, ApiKeySettings options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            if (entry.Key.Length < MinimumKeyLength)
            {
                failures.Add($"Auth:ApiKeys:{i}:Key must be at least {MinimumKeyLength} characters long.");
            }
            else if (!seen.Add(entry.Key))
            {
                failures.Add($"Auth:ApiKeys:{i}:Key repeats an earlier key.");
            }

            if (entry.UserId <= 0)
            {
                failures.Add($"Auth:ApiKeys:{i}:UserId must be a positive customer id.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
