using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// Signs and checks the tokens of reviewer approval links: <c>base64url(payload) "." base64url(HMAC-SHA256(key,
/// payload))</c>, the payload being <c>{runId, reviewer, expiresAt, nonce}</c> as JSON. A token is a bearer
/// credential for one run and one reviewer until it expires; see Approvals/README.md.
/// </summary>
public sealed class ApprovalLinkSigner
{
    /// <summary>The key size this signer needs at least (and generates): 32 bytes, the HMAC-SHA256 block's half.</summary>
    public const int KeySizeInBytes = 32;

    /// <summary>Tokens longer than this are refused as malformed before any decoding.</summary>
    public const int MaxTokenLength = 4096;

    /// <summary>How long a link works when the caller does not say: 24 hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest lifetime a link may have: 30 days.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>A signer with <paramref name="key"/> (at least <see cref="KeySizeInBytes"/> bytes) on <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="KeySizeInBytes"/>.</exception>
    public ApprovalLinkSigner(ReadOnlySpan<byte> key, TimeProvider? time = null)
    {
        if (key.Length < KeySizeInBytes)
        {
            throw new ArgumentException($"The approval signing key has {key.Length} bytes; expected at least {KeySizeInBytes}.", nameof(key));
        }

        _key = key.ToArray();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A new token for <paramref name="reviewer"/> on <paramref name="runId"/>, valid for <paramref name="lifetime"/>.</summary>
    /// <exception cref="ArgumentException">An empty run or reviewer, or a lifetime outside (0, <see cref="MaxLifetime"/>].</exception>
    public ApprovalLinkToken Create(string runId, string reviewer, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lifetime), lifetime, $"lifetime: {lifetime} is out of range: expected more than 0 and at most {MaxLifetime.TotalDays} days.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((_time.GetUtcNow() + lifetime).ToUnixTimeSeconds());
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new ApprovalLinkPayload(runId, reviewer, expiresAt.ToUnixTimeSeconds(), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))),
            JsonSerializerOptions.Web);
        var token = Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
        return new ApprovalLinkToken(token, expiresAt);
    }

    /// <summary>
    /// Checks <paramref name="token"/> for <paramref name="runId"/> and <paramref name="reviewer"/>, in this order:
    /// shape, signature (compared in constant time), payload, expiry, run, reviewer (case-insensitive, as
    /// reviewer lists are).
    /// </summary>
    public ApprovalLinkVerification Verify(string? token, string runId, string reviewer)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.Split('.') is not [{ Length: > 0 } encodedPayload, { Length: > 0 } encodedSignature])
        {
            return Refused(ApprovalLinkStatus.Malformed, "the token is not two base64url parts joined by '.'; copy the whole link from the message you received");
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(encodedPayload);
            signature = Base64Url.DecodeFromChars(encodedSignature);
        }
        catch (FormatException)
        {
            return Refused(ApprovalLinkStatus.Malformed, "the token is not base64url text; copy the whole link from the message you received");
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return Refused(ApprovalLinkStatus.BadSignature, "the token's signature does not match: it was altered or was not issued by this host");
        }

        var claims = Read(payload);
        if (claims is null)
        {
            return Refused(ApprovalLinkStatus.Malformed, "the token's payload is not {runId, reviewer, expiresAt, nonce}");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt);
        if (_time.GetUtcNow() >= expiresAt)
        {
            return new ApprovalLinkVerification(
                ApprovalLinkStatus.Expired,
                $"the link expired at {expiresAt.ToString("u", CultureInfo.InvariantCulture)}; ask for a new one",
                expiresAt);
        }

        if (!string.Equals(claims.RunId, runId, StringComparison.Ordinal))
        {
            return new ApprovalLinkVerification(ApprovalLinkStatus.WrongRun, $"the link is for run '{claims.RunId}', not '{runId}'", expiresAt);
        }

        if (!string.Equals(claims.Reviewer, reviewer, StringComparison.OrdinalIgnoreCase))
        {
            return new ApprovalLinkVerification(ApprovalLinkStatus.WrongReviewer, $"the link is for reviewer '{claims.Reviewer}', not '{reviewer}'", expiresAt);
        }

        return new ApprovalLinkVerification(ApprovalLinkStatus.Valid, string.Empty, expiresAt);
    }

    private static ApprovalLinkPayload? Read(byte[] payload)
    {
        try
        {
            var claims = JsonSerializer.Deserialize<ApprovalLinkPayload>(payload, JsonSerializerOptions.Web);

            // Records deserialize missing properties as null even when declared non-nullable.
            return claims is { RunId: not null, Reviewer: not null, Nonce: not null } && claims.ExpiresAt is > 0 and < 253402300800 ? claims : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ApprovalLinkVerification Refused(ApprovalLinkStatus status, string reason) => new(status, reason, null);
}
