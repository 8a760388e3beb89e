using MLOps.Durable.History;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Parity;

/// <summary>
/// Runs the same random operations against the in-memory reference store and the SQLite store and checks that
/// everything a caller can observe is the same: results, exceptions, rows, histories, queries. Lock tokens,
/// cursors and activity ids are store-specific and are only used, not compared.
/// </summary>
public sealed class InMemoryParityTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task RandomOperations_SameSeed_SameObservableOutcomeAsInMemoryStore(int seed)
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var run = new ParityRun(new Random(seed), hub.Time, [new InMemoryDurableStore(hub.Time), hub.Store]);

        for (var step = 0; step < 250; step++)
        {
            await run.StepAsync();
            await run.AssertSameStateAsync();
        }
    }

    private sealed class ParityRun(Random random, FakeTimeProvider time, IDurableStore[] stores)
    {
        private readonly List<OrchestrationWorkItem>[] _orchestrations = [[], []];
        private readonly List<ActivityWorkItem>[] _activities = [[], []];
        private int _executions;

        private DateTimeOffset Now => time.GetUtcNow();

        public async Task StepAsync()
        {
            switch (random.Next(10))
            {
                case 0:
                    var start = new ExecutionStarted(Now, "Flow", Pick(), NextExecutionId(), $"{random.Next(100)}", ScheduledStartTime: random.Next(4) == 0 ? Now.AddMinutes(5) : null);
                    var creation = new InstanceCreation(start) { ReplaceTerminal = random.Next(4) != 0 };
                    await BothAsync(s => s.CreateInstanceAsync(creation));
                    break;
                case 1:
                    var messages = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomMessage(Pick(allowMissing: true))).ToList();
                    await BothAsync(s => s.SendMessagesAsync(messages));
                    break;
                case 2:
                    time.Advance(TimeSpan.FromSeconds(random.Next(1, 120)));
                    break;
                case 3 or 4:
                    await LockAndProcessOrchestrationsAsync();
                    break;
                case 5:
                    await FinishOutstandingOrchestrationAsync();
                    break;
                case 6 or 7:
                    await ActivityStepAsync();
                    break;
                case 8:
                    await PurgeStepAsync();
                    break;
                default:
                    await QueryStepAsync();
                    break;
            }
        }

        public async Task AssertSameStateAsync()
        {
            foreach (var id in Ids)
            {
                var rows = await ResultsAsync(s => s.GetInstanceAsync(id, includePayloads: true));
                Assert.Equal(rows[0], rows[1]);
                var histories = await ResultsAsync(s => s.GetHistoryAsync(id));
                Assert.Equal(histories[0], histories[1]);
            }
        }

        private async Task LockAndProcessOrchestrationsAsync()
        {
            var lockDuration = TimeSpan.FromSeconds(random.Next(10, 90));
            var locked = new List<OrchestrationWorkItem>[2];
            for (var i = 0; i < 2; i++)
            {
                locked[i] = [];
                while (await stores[i].LockNextOrchestrationAsync(lockDuration) is { } item)
                {
                    locked[i].Add(item);
                }

                locked[i].Sort((x, y) => string.CompareOrdinal(x.Instance.InstanceId, y.Instance.InstanceId));
            }

            Assert.Equal(locked[0].Select(Observable), locked[1].Select(Observable));
            for (var k = 0; k < locked[0].Count; k++)
            {
                var choice = random.Next(10);
                if (choice < 7)
                {
                    var episode = RandomEpisode(locked[0][k]);
                    var index = k;
                    await BothAsync(s => s.CompleteOrchestrationAsync(locked[Array.IndexOf(stores, s)][index], episode));
                }
                else if (choice < 8)
                {
                    var index = k;
                    await BothAsync(s => s.AbandonOrchestrationAsync(locked[Array.IndexOf(stores, s)][index]));
                }
                else
                {
                    _orchestrations[0].Add(locked[0][k]);
                    _orchestrations[1].Add(locked[1][k]);
                }
            }
        }

        private async Task FinishOutstandingOrchestrationAsync()
        {
            if (_orchestrations[0].Count == 0)
            {
                return;
            }

            var index = random.Next(_orchestrations[0].Count);
            var items = new[] { _orchestrations[0][index], _orchestrations[1][index] };
            _orchestrations[0].RemoveAt(index);
            _orchestrations[1].RemoveAt(index);
            if (random.Next(3) == 0)
            {
                await BothAsync(s => s.AbandonOrchestrationAsync(items[Array.IndexOf(stores, s)]));
                return;
            }

            var episode = RandomEpisode(items[0]);
            await BothAsync(s => s.CompleteOrchestrationAsync(items[Array.IndexOf(stores, s)], episode));
        }

        private async Task ActivityStepAsync()
        {
            var choice = random.Next(5);
            if (choice <= 1 || _activities[0].Count == 0)
            {
                var max = random.Next(1, 4);
                var lockDuration = TimeSpan.FromSeconds(random.Next(10, 90));
                var locked = await ResultsAsync(s => s.LockNextActivitiesAsync(max, lockDuration));
                Assert.Equal(locked[0].Select(Observable), locked[1].Select(Observable));
                _activities[0].AddRange(locked[0]);
                _activities[1].AddRange(locked[1]);
                return;
            }

            var picks = Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(_activities[0].Count)).ToList();
            if (choice == 2)
            {
                var lockDuration = TimeSpan.FromSeconds(random.Next(10, 90));
                var renewed = await ResultsAsync(s => s.RenewActivityLockAsync(_activities[Array.IndexOf(stores, s)][picks[0]], lockDuration));
                Assert.Equal(renewed[0], renewed[1]);
            }
            else if (choice == 3)
            {
                await BothAsync(s => s.AbandonActivityAsync(_activities[Array.IndexOf(stores, s)][picks[0]]));
            }
            else
            {
                var now = Now;
                await BothAsync(s => s.CompleteActivitiesAsync(
                    [.. picks.Select(p => _activities[Array.IndexOf(stores, s)][p]).Select(w => new ActivityCompletion(
                        w, new OrchestrationMessage(w.Message.InstanceId, w.Message.ExecutionId, new TaskCompleted(now, w.Message.TaskId, w.Message.Input))))]));
            }
        }

        private async Task PurgeStepAsync()
        {
            if (random.Next(2) == 0)
            {
                var id = Pick(allowMissing: true);
                var purged = await ResultsAsync(s => s.PurgeInstanceAsync(id));
                Assert.Equal(purged[0], purged[1]);
                return;
            }

            var filter = new PurgeFilter(
                CreatedFrom: random.Next(2) == 0 ? null : Now.AddMinutes(-random.Next(30)),
                Statuses: random.Next(2) == 0 ? null : [(OrchestrationRuntimeStatus)random.Next(7)]);
            var counts = await ResultsAsync(s => s.PurgeInstancesAsync(filter));
            Assert.Equal(counts[0], counts[1]);
        }

        private async Task QueryStepAsync()
        {
            var query = new InstanceQuery
            {
                PageSize = random.Next(1, 4),
                InstanceIdPrefix = random.Next(3) == 0 ? Pick() : null,
                Statuses = random.Next(2) == 0 ? null : [(OrchestrationRuntimeStatus)random.Next(7), (OrchestrationRuntimeStatus)random.Next(7)],
                CreatedFrom = random.Next(3) == 0 ? Now.AddMinutes(-random.Next(60)) : null,
                FetchInputsAndOutputs = random.Next(2) == 0,
            };
            string? token = null;
            do
            {
                var pages = await ResultsAsync(s => s.QueryInstancesAsync(query with { ContinuationToken = token }));
                Assert.Equal(pages[0].Instances, pages[1].Instances);
                Assert.Equal(pages[0].ContinuationToken, pages[1].ContinuationToken);
                token = pages[0].ContinuationToken;
            }
            while (token is not null);
        }

        private OrchestrationEpisode RandomEpisode(OrchestrationWorkItem item)
        {
            var row = item.Instance;
            var now = Now;
            var status = random.Next(10) switch
            {
                < 6 => OrchestrationRuntimeStatus.Running,
                6 => OrchestrationRuntimeStatus.Completed,
                7 => OrchestrationRuntimeStatus.Failed,
                8 => OrchestrationRuntimeStatus.Terminated,
                _ => OrchestrationRuntimeStatus.Suspended,
            };
            var failure = status == OrchestrationRuntimeStatus.Failed ? new FailureDetails("E", $"failed {random.Next(100)}") : null;
            var next = random.Next(8) == 0 ? new ExecutionStarted(now, row.Name, row.InstanceId, NextExecutionId(), $"{random.Next(100)}") : null;
            var executionId = next?.ExecutionId ?? row.ExecutionId;
            var children = Ids.Where(id => id != row.InstanceId && random.Next(8) == 0)
                .Select(id => new ExecutionStarted(now, "Child", id, NextExecutionId(), null, new ParentInstance(row.Name, row.InstanceId, row.ExecutionId, random.Next(10))))
                .ToList();
            return new OrchestrationEpisode
            {
                ExecutionId = executionId,
                NewHistory = [new OrchestratorStarted(now), .. item.Messages.Select(m => m.Event), new OrchestratorCompleted(now)],
                Status = new InstanceStatusUpdate(status, $"\"out {random.Next(100)}\"", random.Next(2) == 0 ? null : "\"custom\"", failure),
                Activities = [.. Enumerable.Range(0, random.Next(3)).Select(t => new ActivityMessage(row.InstanceId, executionId, t, "Step", $"{random.Next(100)}"))],
                Messages = [.. Enumerable.Range(0, random.Next(3)).Select(_ => RandomMessage(random.Next(2) == 0 ? row.InstanceId : Pick(allowMissing: true)))],
                SubOrchestrations = children,
                NewExecution = next,
            };
        }

        private OrchestrationMessage RandomMessage(string instanceId)
        {
            var visibleAt = random.Next(3) switch { 0 => (DateTimeOffset?)null, 1 => Now.AddSeconds(-random.Next(60)), _ => Now.AddSeconds(random.Next(1, 300)) };
            return new OrchestrationMessage(instanceId, random.Next(2) == 0 ? null : "x", new EventRaised(Now, $"e{random.Next(100)}", null), visibleAt);
        }

        private string Pick(bool allowMissing = false) => allowMissing && random.Next(6) == 0 ? "missing" : Ids[random.Next(Ids.Length)];

        private string NextExecutionId() => $"exec-{++_executions}";

        private static object Observable(OrchestrationWorkItem item) => (item.Instance, string.Join('|', item.Messages), item.LockedUntil);

        private static object Observable(ActivityWorkItem item) => (item.Message, item.DequeueCount, item.LockedUntil);

        /// <summary>Runs the operation on both stores; both must succeed or both throw the same exception.</summary>
        private async Task BothAsync(Func<IDurableStore, Task> operation) =>
            await ResultsAsync(async s =>
            {
                await operation(s);
                return true;
            });

        private async Task<T[]> ResultsAsync<T>(Func<IDurableStore, Task<T>> operation)
        {
            var results = new T[2];
            var errors = new Exception?[2];
            for (var i = 0; i < 2; i++)
            {
                try
                {
                    results[i] = await operation(stores[i]);
                }
                catch (DurableException ex)
                {
                    errors[i] = ex;
                }
            }

            Assert.Equal(errors[0]?.GetType(), errors[1]?.GetType());
            Assert.Equal(errors[0]?.Message, errors[1]?.Message);
            return results;
        }
    }
}
