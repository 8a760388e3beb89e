using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// Sticky canary routing: a request key is hashed (SHA-256 of its UTF-8 bytes, so the bucket is the same in every
/// process and on every platform, unlike <see cref="string.GetHashCode()"/>) into a bucket 0-99, and buckets below
/// the canary's traffic percent go to the canary. The same key always gets the same version while the percent stays.
/// </summary>
public static class CanaryRouter
{
    /// <summary>The key's bucket, 0 to 99.</summary>
    public static int Bucket(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);

        // 2^64 is not a multiple of 100, but the bias of the modulo is below 1e-17 per bucket.
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % 100);
    }

    /// <summary>Whether the request with <paramref name="key"/> goes to a canary that gets <paramref name="trafficPercent"/> % of traffic.</summary>
    public static bool RoutesToCanary(string key, int trafficPercent) => Bucket(key) < trafficPercent;
}
