using MLOps.Durable.Pipelines.Serving;

namespace MLOps.Durable.Pipelines.Tests.Serving;

public sealed class CanaryRouterTests
{
    [Fact]
    public void Bucket_SameKey_SameBucketEveryTimeAndInRange()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => $"user-{i}").ToArray();

        var first = keys.Select(CanaryRouter.Bucket).ToArray();
        var second = keys.Select(CanaryRouter.Bucket).ToArray();

        Assert.Equal(first, second);
        Assert.All(first, b => Assert.InRange(b, 0, 99));
    }

    [Fact]
    public void Bucket_KnownKey_IsFirstEightBytesOfSha256Mod100()
    {
        // The bucket is defined by the hash, not by the runtime: this keeps routing stable across releases and platforms.
        var hash = System.Security.Cryptography.SHA256.HashData("user-42"u8);
        var expected = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 100);

        Assert.Equal(expected, CanaryRouter.Bucket("user-42"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(99)]
    public void RoutesToCanary_TenThousandKeys_ShareWithinTwoPointsOfPercent(int percent)
    {
        var canary = Enumerable.Range(0, 10_000).Count(i => CanaryRouter.RoutesToCanary($"request-{i}", percent));

        Assert.InRange(canary / 100.0, percent - 2, percent + 2);
    }

    [Fact]
    public void RoutesToCanary_RaisedPercent_KeysOnCanaryStayOnCanary()
    {
        var keys = Enumerable.Range(0, 2000).Select(i => $"k{i}").ToArray();

        var at10 = keys.Where(k => CanaryRouter.RoutesToCanary(k, 10)).ToArray();
        var at30 = keys.Where(k => CanaryRouter.RoutesToCanary(k, 30)).ToHashSet();

        Assert.NotEmpty(at10);
        Assert.All(at10, k => Assert.Contains(k, at30));
    }
}
