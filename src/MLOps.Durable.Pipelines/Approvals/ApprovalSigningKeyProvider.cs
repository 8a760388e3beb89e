using System.Buffers.Text;
using System.Security.Cryptography;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// The approval link signer's key: the configured <see cref="Setting"/> (base64 or base64url of at least 32
/// bytes) or, when not set, 32 random bytes generated on first use and kept in the store, so every host on
/// it and every restart accept the same links. The key is never logged nor returned by any API.
/// </summary>
public sealed class ApprovalSigningKeyProvider
{
    /// <summary>The setting that fixes the key.</summary>
    public const string Setting = "MLOPS_APPROVAL_SIGNING_KEY";

    /// <summary>The host value that keeps a generated key.</summary>
    internal const string StateName = "keys/approvalSigning";

    private readonly Lazy<Task<ApprovalLinkSigner>> _signer;

    /// <summary>A provider over <paramref name="configuredKey"/> (null or empty: generate and keep in <paramref name="store"/>).</summary>
    /// <exception cref="ArgumentException">The configured key is not base64 of at least 32 bytes; the message names the setting, never the value.</exception>
    public ApprovalSigningKeyProvider(string? configuredKey, IHostStateStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var configured = string.IsNullOrEmpty(configuredKey) ? null : ParseKey(configuredKey);
        _signer = new(async () =>
        {
            var key = configured ?? DecodeStored(await store.GetOrAddHostValueAsync(StateName, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ApprovalLinkSigner.KeySizeInBytes))).ConfigureAwait(false));
            return new ApprovalLinkSigner(key, time);
        });
    }

    /// <summary>The signer (the key is resolved on the first call and kept).</summary>
    public Task<ApprovalLinkSigner> GetSignerAsync(CancellationToken cancellationToken = default) => _signer.Value.WaitAsync(cancellationToken);

    /// <summary>Decodes a configured key; the error names the setting and what is expected, not the secret.</summary>
    /// <exception cref="ArgumentException">Not base64/base64url, or shorter than 32 bytes.</exception>
    public static byte[] ParseKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] key;
        try
        {
            key = Base64Url.DecodeFromChars(text.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }
        catch (FormatException)
        {
            throw new ArgumentException(
                $"{Setting}: the value ({text.Length} characters, not shown) is not base64; expected {ApprovalLinkSigner.KeySizeInBytes} or more random bytes as base64 (e.g. `openssl rand -base64 32`).",
                nameof(text));
        }

        return key.Length >= ApprovalLinkSigner.KeySizeInBytes
            ? key
            : throw new ArgumentException(
                $"{Setting}: the value decodes to {key.Length} bytes; expected at least {ApprovalLinkSigner.KeySizeInBytes} random bytes as base64 (e.g. `openssl rand -base64 32`).",
                nameof(text));
    }

    private static byte[] DecodeStored(string value)
    {
        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"The stored approval signing key (host value '{StateName}') is not base64url; set {Setting} or reset that value.", ex);
        }
    }
}
