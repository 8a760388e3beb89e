using MLOps.Durable.Cli.Api;

namespace MLOps.Durable.Cli.Runs;

/// <summary>
/// Polls <c>GET /api/runs/{id}</c> until the run settles (ends, or waits for a reviewer when asked to stop there).
/// The host has no push channel for custom status, so the watch is a poll at <c>--interval</c>.
/// </summary>
internal sealed class RunWatcher(MlopsApiClient api, TimeSpan interval)
{
    public async Task<RunSnapshot> WatchAsync(string runId, bool stopAtApproval, Action<RunSnapshot> onUpdate, CancellationToken cancellationToken)
    {
        var path = MlopsApiClient.Path(["runs", runId]);
        while (true)
        {
            var snapshot = RunSnapshot.Of(await api.GetAsync(path, cancellationToken).ConfigureAwait(false));
            onUpdate(snapshot);
            if (snapshot.Settled(stopAtApproval))
            {
                return snapshot;
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
