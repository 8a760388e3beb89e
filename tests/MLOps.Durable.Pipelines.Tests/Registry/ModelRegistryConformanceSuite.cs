using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Registry;

/// <summary>
/// The registry contract every backend must pass unchanged. A backend's test class derives from this and says
/// how to create an empty registry; every test then runs against it on a fake clock.
/// </summary>
public abstract partial class ModelRegistryConformanceSuite : IAsyncLifetime
{
    protected const string Churn = "churn";

    protected FakeTimeProvider Time { get; } = new();

    protected IModelRegistry Registry { get; private set; } = null!;

    /// <summary>A fresh, empty registry on <paramref name="time"/>.</summary>
    protected abstract Task<IModelRegistry> CreateRegistryAsync(TimeProvider time);

    public async Task InitializeAsync() => Registry = await CreateRegistryAsync(Time);

    public virtual async Task DisposeAsync()
    {
        if (Registry is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    protected static ModelRegistration Registration(string runId, string model = Churn, double auc = 0.9) =>
        new(model, runId, "logistic-regression")
        {
            Parameters = new Dictionary<string, string> { ["l2"] = "0.01", ["maxIterations"] = "200" },
            Metrics = new Dictionary<string, double> { ["auc"] = auc, ["logLoss"] = 0.31 },
            Lineage = new ModelLineage("sha256:data", 3, "sha256:schema", "git:abc123", "churn-pipeline"),
            Artifacts = new ModelArtifacts($"runs/{runId}/model.json", $"runs/{runId}/model.onnx"),
        };

    /// <summary>Registers <paramref name="count"/> runs of <see cref="Churn"/> (run-1, run-2, ...).</summary>
    protected async Task RegisterVersionsAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Registry.RegisterAsync(Registration($"run-{i}"));
        }
    }

    protected Task<ModelAlias> SetAsync(string alias, int version, int? trafficPercent = null, string model = Churn) =>
        Registry.SetAliasAsync(new AliasAssignment(model, alias, version, "alice", "test", trafficPercent));

    protected async Task<int> ProductionAsync() => (await Registry.ResolveAsync(Churn, ModelAliases.Production)).Version;

    protected async Task<IReadOnlyList<RegistryAuditAction>> ActionsAsync(string model = Churn) =>
        [.. (await Registry.GetAuditTrailAsync(model)).Select(e => e.Action)];
}
