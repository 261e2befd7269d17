namespace Cached.Generator;

/// <summary>The names of the pipeline's steps, which tests use to check that an unrelated edit leaves them cached.</summary>
internal static class TrackingNames
{
    public const string CachedTypes = nameof(CachedTypes);
    public const string InvalidatingTypes = nameof(InvalidatingTypes);
    public const string WriteBehindTypes = nameof(WriteBehindTypes);
    public const string Decorators = nameof(Decorators);
    public const string Decorator = nameof(Decorator);
    public const string PartialCachedTypes = nameof(PartialCachedTypes);
    public const string PartialInvalidatingTypes = nameof(PartialInvalidatingTypes);
    public const string PartialTypes = nameof(PartialTypes);
    public const string PartialType = nameof(PartialType);
    public const string RegistrationContext = nameof(RegistrationContext);
    public const string Registration = nameof(Registration);
}
