using System.Buffers.Text;
using System.Text;
using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Approvals;

/// <summary>Approval link tokens: round trip, every tampered part, expiry on a fake clock, and the run/reviewer binding.</summary>
public sealed class ApprovalLinkSignerTests
{
    private const string Run = "iris-review-0123";
    private const string Alice = "alice@example.com";

    private readonly FakeTimeProvider _time = new();
    private readonly ApprovalLinkSigner _signer;

    public ApprovalLinkSignerTests() => _signer = new ApprovalLinkSigner(Key(1), _time);

    [Fact]
    public void Verify_FreshToken_IsValid()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1));

        var result = _signer.Verify(token.Value, Run, Alice);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), token.ExpiresAt);
        Assert.Equal(token.ExpiresAt, result.ExpiresAt);
    }

    [Fact]
    public void Verify_ReviewerInOtherCase_IsValid()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1));

        Assert.True(_signer.Verify(token.Value, Run, "Alice@Example.com").IsValid);
    }

    [Fact]
    public void Create_SameRunAndReviewerTwice_DifferentTokens()
    {
        var first = _signer.Create(Run, Alice, TimeSpan.FromHours(1));
        var second = _signer.Create(Run, Alice, TimeSpan.FromHours(1));

        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public void Verify_PayloadRewrittenForAnotherRun_BadSignature()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1)).Value;
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])).Replace(Run, "iris-review-9999", StringComparison.Ordinal);
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[1];

        var result = _signer.Verify(forged, "iris-review-9999", Alice);

        Assert.Equal(ApprovalLinkStatus.BadSignature, result.Status);
        Assert.Contains("signature", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureAltered_BadSignature()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1)).Value;
        var parts = token.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[1]);
        signature[0] ^= 1;

        var result = _signer.Verify(parts[0] + "." + Base64Url.EncodeToString(signature), Run, Alice);

        Assert.Equal(ApprovalLinkStatus.BadSignature, result.Status);
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_BadSignature()
    {
        var other = new ApprovalLinkSigner(Key(2), _time).Create(Run, Alice, TimeSpan.FromHours(1));

        Assert.Equal(ApprovalLinkStatus.BadSignature, _signer.Verify(other.Value, Run, Alice).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData(".sig")]
    [InlineData("payload.")]
    [InlineData("***.###")]
    public void Verify_NotATokenShape_Malformed(string? token)
    {
        Assert.Equal(ApprovalLinkStatus.Malformed, _signer.Verify(token, Run, Alice).Status);
    }

    [Fact]
    public void Verify_SignedPayloadNotTheExpectedJson_Malformed()
    {
        // Only a holder of the key could sign this; the check still refuses it instead of throwing.
        var payload = Encoding.UTF8.GetBytes("""{"runId":"x"}""");
        var token = Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Key(1), payload));

        Assert.Equal(ApprovalLinkStatus.Malformed, _signer.Verify(token, "x", Alice).Status);
    }

    [Fact]
    public void Verify_AtExpiry_Expired()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromMinutes(59));
        var justBefore = _signer.Verify(token.Value, Run, Alice);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = _signer.Verify(token.Value, Run, Alice);

        Assert.True(justBefore.IsValid);
        Assert.Equal(ApprovalLinkStatus.Expired, result.Status);
        Assert.Contains("expired at 2026-01-01 01:00:00Z", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OtherRun_WrongRun()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1));

        var result = _signer.Verify(token.Value, "iris-review-9999", Alice);

        Assert.Equal(ApprovalLinkStatus.WrongRun, result.Status);
        Assert.Contains($"for run '{Run}', not 'iris-review-9999'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OtherReviewer_WrongReviewer()
    {
        var token = _signer.Create(Run, Alice, TimeSpan.FromHours(1));

        var result = _signer.Verify(token.Value, Run, "mallory@example.com");

        Assert.Equal(ApprovalLinkStatus.WrongReviewer, result.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(31 * 24)]
    public void Create_LifetimeOutOfRange_Throws(int hours)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _signer.Create(Run, Alice, TimeSpan.FromHours(hours)));

        Assert.Contains("lifetime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ApprovalLinkSigner(new byte[16]));

        Assert.Contains("16 bytes; expected at least 32", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Key(byte fill) => Enumerable.Repeat(fill, ApprovalLinkSigner.KeySizeInBytes).ToArray();
}
