using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Storage.InMemory;

namespace MLOps.Durable.Pipelines.Tests.Approvals;

/// <summary>Where the signing key comes from: the setting, or generated once and kept in the store.</summary>
public sealed class ApprovalSigningKeyProviderTests
{
    [Fact]
    public async Task GetSignerAsync_NoSetting_GeneratesOnceAndSharesThroughTheStore()
    {
        var store = new InMemoryDurableStore();
        var first = await new ApprovalSigningKeyProvider(null, store).GetSignerAsync();
        var second = await new ApprovalSigningKeyProvider(string.Empty, store).GetSignerAsync();

        var token = first.Create("run-1", "alice", TimeSpan.FromHours(1));

        Assert.True(second.Verify(token.Value, "run-1", "alice").IsValid);
    }

    [Fact]
    public async Task GetSignerAsync_Configured_UsesTheSettingNotTheStore()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var first = await new ApprovalSigningKeyProvider(key, new InMemoryDurableStore()).GetSignerAsync();
        var second = await new ApprovalSigningKeyProvider(key, new InMemoryDurableStore()).GetSignerAsync();

        var token = first.Create("run-1", "alice", TimeSpan.FromHours(1));

        Assert.True(second.Verify(token.Value, "run-1", "alice").IsValid);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    public void Constructor_BadSetting_NamesTheSettingNotTheValue(string configured)
    {
        var error = Assert.Throws<ArgumentException>(() => new ApprovalSigningKeyProvider(configured, new InMemoryDurableStore()));

        Assert.StartsWith(ApprovalSigningKeyProvider.Setting + ":", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(configured, error.Message, StringComparison.Ordinal);
    }
}
