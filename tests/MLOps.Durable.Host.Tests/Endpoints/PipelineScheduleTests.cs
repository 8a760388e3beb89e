using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Client;
using MLOps.Durable.Host.Triggers;
using MLOps.Durable.Pipelines.Stages;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>A pipeline's schedule becomes a timer trigger that starts retraining runs, one in flight at a time (real clock).</summary>
public sealed class PipelineScheduleTests
{
    [Fact]
    public async Task Schedule_StartsARun_AndSkipsOccurrencesWhileItIsInFlight()
    {
        var root = Directory.CreateTempSubdirectory("mlops-schedule-host").FullName;
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(root, "host.json"), """{ "logging": { "logLevel": { "default": "Warning" } } }""");
        await File.WriteAllTextAsync(Path.Combine(root, "workflows", "nightly.pipeline.yaml"), $"""
            name: nightly
            data:
              source: {Path.Combine(RepositoryPaths.Root(), "workflows", "data", "iris.csv")}
              target: species
            train:
              trainer: logistic
            approve:
              reviewers: [alice@example.com]
            schedule: "* * * * * *"
            """);
        var app = HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", root, "--MLOPS_MASTER_KEY", "k"]);
        await app.StartAsync();
        try
        {
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            OrchestrationMetadata? firstRun = null;
            while (firstRun is null)
            {
                var (runs, _) = await client.GetInstancesPageAsync(new Storage.InstanceQuery { InstanceIdPrefix = "nightly-", FetchInputsAndOutputs = true }, deadline.Token);
                firstRun = runs.FirstOrDefault();
                if (firstRun is null)
                {
                    await Task.Delay(50, deadline.Token);
                }
            }

            // Wait until the trigger has fired for two more occurrences after the run started: both were skipped.
            var timerId = TimerTriggerOrchestrator.InstanceIdFor("pipeline-nightly");
            while ((await client.GetInstanceAsync(timerId, true, deadline.Token))?.ReadInputAs<TimerTriggerState>()?.Last is not { } last
                || last < firstRun.CreatedAt.AddSeconds(2))
            {
                await Task.Delay(50, deadline.Token);
            }

            var (all, _) = await client.GetInstancesPageAsync(new Storage.InstanceQuery { InstanceIdPrefix = "nightly-" }, deadline.Token);
            Assert.Single(all);
            var request = firstRun.ReadInputAs<PipelineRunRequest>()!;
            Assert.Equal(("nightly", "schedule"), (request.Pipeline, request.Trigger));
            Assert.StartsWith("timer pipeline-nightly at ", request.RequestedBy, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
