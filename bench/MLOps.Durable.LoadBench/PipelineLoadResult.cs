namespace MLOps.Durable.LoadBench;

/// <summary>What a burst of pipeline runs on one backend came to.</summary>
/// <param name="Backend">SQLite or Azurite.</param>
/// <param name="Requested">Runs POSTed at once.</param>
/// <param name="Refused">POSTs the host did not answer with 202.</param>
/// <param name="RunAlone">Median duration of a run started alone on the same host, before the burst (the reference).</param>
/// <param name="AllAccepted">From the first POST until the host had answered all of them.</param>
/// <param name="BurstStart">When the first POST was sent.</param>
/// <param name="Runs">The accepted runs as last read.</param>
/// <param name="HostLog">The warnings and errors the host printed from its start to the end of the burst.</param>
internal sealed record PipelineLoadResult(
    string Backend, int Requested, int Refused, TimeSpan RunAlone, TimeSpan AllAccepted, DateTimeOffset BurstStart, IReadOnlyList<RunState> Runs, HostLogSummary HostLog)
{
    public int Deployed => Runs.Count(r => r.Status == "deployed");

    /// <summary>Every requested run was accepted and deployed, each as a version of its own.</summary>
    public bool AllDeployed => Refused == 0 && Deployed == Requested && DistinctVersions == Deployed;

    /// <summary>Distinct model versions the deployed runs registered: concurrent deploys must not share one.</summary>
    public int DistinctVersions => Runs.Where(r => r.Status == "deployed").Select(r => r.ModelVersion).Distinct().Count();

    private IEnumerable<RunState> FinishedRuns => Runs.Where(r => r.Finished);

    public TimeSpan FirstFinished => FinishedRuns.Any() ? FinishedRuns.Min(r => r.LastUpdated) - BurstStart : TimeSpan.Zero;

    public TimeSpan LastFinished => FinishedRuns.Any() ? FinishedRuns.Max(r => r.LastUpdated) - BurstStart : TimeSpan.Zero;

    /// <summary>Finished runs per minute, from the first POST to the last completion.</summary>
    public double RunsPerMinute => LastFinished > TimeSpan.Zero ? FinishedRuns.Count() / LastFinished.TotalMinutes : 0;

    /// <summary>The rate of runs one after another, each as long as <see cref="RunAlone"/>.</summary>
    public double AloneRunsPerMinute => RunAlone > TimeSpan.Zero ? 1 / RunAlone.TotalMinutes : 0;

    public TimeSpan DurationPercentile(double p) => Percentiles.Of(FinishedRuns.Select(r => r.Duration).ToList(), p);

    /// <summary>Runs that did not deploy, grouped by how they ended, with one example each.</summary>
    public IEnumerable<string> NotDeployed() => Runs.Where(r => r.Status != "deployed")
        .GroupBy(r => $"{r.Status} at {r.Stage ?? "-"}")
        .Select(g => $"{g.Count()} x {g.Key}, e.g. {g.First().Id}: {g.First().Failure ?? g.First().Progress ?? "-"}");
}
