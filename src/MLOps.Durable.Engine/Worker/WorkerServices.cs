using Microsoft.Extensions.Logging;
using MLOps.Durable.Registration;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>What both dispatchers of a worker run with.</summary>
internal sealed record WorkerServices(
    IDurableStore Store,
    DurableTaskRegistry Registry,
    IServiceProvider Services,
    DataConverter Converter,
    DurableTaskWorkerOptions Options,
    TimeProvider Time,
    ILoggerFactory LoggerFactory);
