using MLOps.Durable.Pipelines.Serving;

namespace MLOps.Durable.Pipelines.Tests.Serving;

/// <summary>The prediction log conformance suite on the in-memory log.</summary>
public sealed class InMemoryPredictionLogTests : PredictionLogConformanceSuite
{
    protected override Task<IPredictionLog> CreateLogAsync(TimeProvider time) => Task.FromResult<IPredictionLog>(new InMemoryPredictionLog(time));
}
