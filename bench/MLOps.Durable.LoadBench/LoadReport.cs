namespace MLOps.Durable.LoadBench;

/// <summary>The load client's result, one JSON line on its stdout; latencies in milliseconds, successful requests only.</summary>
internal sealed record LoadReport(
    int Connections,
    double Seconds,
    int Requests,
    int Failures,
    double RequestsPerSecond,
    double P50,
    double P90,
    double P99,
    double Max,
    Dictionary<string, int> FailuresByKind,
    string? FirstFailure);
