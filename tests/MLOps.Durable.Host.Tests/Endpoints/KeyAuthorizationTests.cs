using System.Net;
using MLOps.Durable.Host.Security;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>Function keys over real HTTP: the management API needs the master key (a function key is 403); health needs none.</summary>
public sealed class KeyAuthorizationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", null, HttpStatusCode.Unauthorized)]
    [InlineData(HostFixture.FunctionKey, null, HttpStatusCode.Forbidden)]
    [InlineData(null, HostFixture.FunctionKey, HttpStatusCode.Forbidden)]
    [InlineData(HostFixture.MasterKey, null, HttpStatusCode.OK)]
    [InlineData(null, HostFixture.MasterKey, HttpStatusCode.OK)]
    [InlineData(null, "wrong-key", HttpStatusCode.Unauthorized)]
    public async Task ManagementApi_KeyInHeaderOrCode_OnlyTheMasterKeyIsAccepted(string? header, string? code, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, code is null ? Instances : $"{Instances}?code={code}");
        if (header is not null)
        {
            request.Headers.Add(KeyAuthorization.KeyHeader, header);
        }

        using var response = await host.Anonymous.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("x-functions-key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_NoKey_IsAnonymous()
    {
        using var response = await host.Anonymous.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Grants_FunctionLevel_AcceptsFunctionAndMasterKeys()
    {
        var keys = new FunctionKeys("m", "f");

        Assert.True(keys.Grants(AuthorizationLevel.Function, "f"));
        Assert.True(keys.Grants(AuthorizationLevel.Function, "m"));
        Assert.False(keys.Grants(AuthorizationLevel.Function, "x"));
        Assert.False(keys.Grants(AuthorizationLevel.Admin, "f"));
        Assert.True(keys.Grants(AuthorizationLevel.Anonymous, null));
    }
}
