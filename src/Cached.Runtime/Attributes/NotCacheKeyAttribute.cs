namespace Cached;

/// <summary>Leaves a parameter of a <see cref="CachedAttribute">[Cached]</see> method out of its cache key.</summary>
/// <remarks>Use it for arguments that do not change the result, such as a logger or a tracing context.</remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NotCacheKeyAttribute : Attribute;
