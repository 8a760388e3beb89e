using MLOps.Durable.Storage;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Testing.Conformance;

namespace MLOps.Durable.Engine.Tests.Storage;

/// <summary>The engine conformance suite on the in-memory store.</summary>
public sealed class InMemoryConformanceTests : EngineConformanceSuite
{
    protected override IDurableStore CreateStore(TimeProvider time) => new InMemoryDurableStore(time);
}
