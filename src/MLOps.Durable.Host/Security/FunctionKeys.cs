using System.Security.Cryptography;
using System.Text;

namespace MLOps.Durable.Host.Security;

/// <summary>The host's keys: the master (admin) key and the default function key.</summary>
public sealed record FunctionKeys(string MasterKey, string FunctionKey)
{
    /// <summary>Whether <paramref name="presented"/> grants <paramref name="level"/>; compared in constant time.</summary>
    public bool Grants(AuthorizationLevel level, string? presented) => level switch
    {
        AuthorizationLevel.Anonymous => true,
        AuthorizationLevel.Function => Same(presented, FunctionKey) || Same(presented, MasterKey),
        _ => Same(presented, MasterKey),
    };

    /// <summary>A new random key (32 bytes, base64url).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool Same(string? presented, string key) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
