namespace MLOps.Durable.LoadBench;

/// <summary>How the load client drives each endpoint: the same for the host and the constant endpoint.</summary>
/// <param name="Connections">Concurrent keep-alive connections, one request in flight on each.</param>
/// <param name="Warmup">Load before measuring (JIT, connection set-up, caches).</param>
/// <param name="Duration">The measured window.</param>
/// <param name="Rounds">Alternating rounds per endpoint; the best is reported.</param>
internal sealed record PredictionSettings(int Connections, TimeSpan Warmup, TimeSpan Duration, int Rounds);
