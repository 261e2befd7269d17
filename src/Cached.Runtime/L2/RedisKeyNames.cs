using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Cached.L2;

/// <summary>
/// The Redis keys of entries (<c>{prefix}:e:{key}</c>), tag stamps (<c>{prefix}:t:{tag}</c>) and distributed-lock
/// leases (<c>{prefix}:l:{key}</c>). A key or tag longer than <c>L2:MaxKeyLength</c> is named by <c>#</c> and the
/// SHA-256 of its UTF-8 text (base64url, 43 characters) instead: a key built from long arguments does not become a huge
/// Redis key. Payloads echo the whole key and the engine compares it on every read, so a short key that happens to
/// look like a hashed one (or two keys whose hashes met) share a Redis key but never read each other's value.
/// </summary>
internal sealed class RedisKeyNames(string keyPrefix, int maxKeyLength)
{
    private const char HashedMarker = '#';

    private readonly string _entryPrefix = keyPrefix + ":e:";
    private readonly string _tagPrefix = keyPrefix + ":t:";
    private readonly string _leasePrefix = keyPrefix + ":l:";

    public RedisKey Entry(string key) => _entryPrefix + Bounded(key);

    public RedisKey Tag(string tag) => _tagPrefix + Bounded(tag);

    public RedisKey Lease(string key) => _leasePrefix + Bounded(key);

    private string Bounded(string name) => name.Length <= maxKeyLength ? name : Hashed(name);

    private static string Hashed(string name)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(name.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8.AsSpan(0, Encoding.UTF8.GetBytes(name, utf8)), hash);
            return HashedMarker + Base64Url.EncodeToString(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
