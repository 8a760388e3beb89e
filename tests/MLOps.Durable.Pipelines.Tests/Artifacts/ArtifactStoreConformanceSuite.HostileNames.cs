using MLOps.Durable.Pipelines.Artifacts;

namespace MLOps.Durable.Pipelines.Tests.Artifacts;

public abstract partial class ArtifactStoreConformanceSuite
{
    public static TheoryData<string, string> HostileNames => new()
    {
        { "../escape.json", "contains '..', which would leave the run's folder" },
        { "..", "contains '..'" },
        { ".", "contains '.'" },
        { "reports/../../other-run/model.json", "contains '..'" },
        { "reports/./model.json", "contains '.'" },
        { "/etc/passwd", "is an absolute path" },
        { "C:/Windows/win.ini", "is an absolute path" },
        { "C:model.json", "is an absolute path" },
        { "reports\\model.json", "contains '\\': use '/'" },
        { "..\\..\\escape", "contains '\\'" },
        { "\\\\server\\share\\x", "contains '\\'" },
        { "reports//model.json", "has an empty segment" },
        { "reports/", "has an empty segment" },
        { "", "has an empty segment" },
        { "model\0.json", "contains the control character U+0000" },
        { "model\n.json", "contains the control character U+000A" },
        { "model\u001b[31m.json", "contains the control character U+001B" },
        { ".hidden", "starts with '.'" },
        { ".put-0123", "starts with '.'" },
        { "model.json.", "ends with '.'" },
        { "model.json ", "ends with ' '" },
        { "model.json:stream", "contains ':'" },
        { "what?.json", "contains '?'" },
        { "a*b", "contains '*'" },
        { "a|b", "contains '|'" },
        { "a<b>", "contains '<'" },
        { "NUL", "reserved device name" },
        { "reports/con.txt", "reserved device name" },
        { "COM1.json", "reserved device name" },
        { new string('a', 129), "has a segment of 129 characters" },
        { string.Join('/', Enumerable.Repeat("abcdefgh", 30)), "is 269 characters long" },
    };

    public static TheoryData<string, string> HostileRunIds => new()
    {
        { "..", "contains '..'" },
        { ".", "contains '.'" },
        { "../run-2", "contains '/'" },
        { "run/1", "contains '/'" },
        { "/tmp", "contains '/'" },
        { "run\\..\\x", "contains '\\'" },
        { "C:", "contains ':'" },
        { "", "has an empty segment" },
        { "run\u0007", "contains the control character U+0007" },
        { ".run", "starts with '.'" },
        { "run.", "ends with '.'" },
        { "aux", "reserved device name" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task PutAsync_HostileName_RefusedNamingTheProblem(string name, string problem)
    {
        var error = await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.PutAsync("run-1", name, Utf8("x")));

        Assert.Equal("name", error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(await Store.ListAsync("run-1"));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task OpenReadAsync_HostileName_Refused(string name, string problem)
    {
        var error = await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.OpenReadAsync("run-1", name));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileRunIds))]
    public async Task EveryOperation_HostileRunId_RefusedNamingTheProblem(string runId, string problem)
    {
        await Store.PutAsync("run-2", ArtifactNames.Metrics, Utf8("{}"));

        var errors = new[]
        {
            await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.PutAsync(runId, ArtifactNames.Metrics, Utf8("x"))),
            await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.OpenReadAsync(runId, ArtifactNames.Metrics)),
            await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.ListAsync(runId)),
            await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.DeleteRunAsync(runId)),
        };

        Assert.All(errors, error => Assert.Equal("runId", error.Field));
        Assert.All(errors, error => Assert.Contains(problem, error.Message, StringComparison.Ordinal));
        Assert.Single(await Store.ListAsync("run-2"));
    }

    [Theory]
    [InlineData("churn-20260101T020000", "model.onnx")]
    [InlineData("3f2504e04f8911d39a0c0305e82c3301", "reports/evaluation/gates.json")]
    [InlineData("run_1.retry", "données/profil.json")]
    [InlineData("run 1", "a b/c d.json")]
    [InlineData("run-1", "model..v2.json")]
    public async Task PutAsync_OrdinaryRunIdsAndNames_Accepted(string runId, string name)
    {
        await Store.PutAsync(runId, name, Utf8("ok"));

        Assert.Equal(name, Assert.Single(await Store.ListAsync(runId)).Name);
    }
}
