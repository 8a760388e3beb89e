using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MLOps.Durable;
using MLOps.Durable.Client;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Samples;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.Sqlite;

// Runs one training orchestration end to end on the embedded SQLite store, plays the reviewer, and
// prints the instance's history. Run it again and it starts a new run on the same file.
var dataDir = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, ".data");
Directory.CreateDirectory(dataDir);
var databasePath = Path.Combine(dataDir, "mlops-durable.db");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("MLOps.Durable.Samples", LogLevel.Information);
builder.Services.AddDurableEngine(engine => engine
    .UseStore(sp => new SqliteDurableStore(new SqliteStoreOptions { DataSource = databasePath, TimeProvider = sp.GetService<TimeProvider>() }))
    .AddTasks(tasks => tasks
        .AddOrchestrator<TrainingRunOrchestrator>()
        .AddActivityFunc<string, int>("ValidateData", SampleActivities.ValidateData)
        .AddActivityFunc<Candidate, Candidate>("TrainCandidate", SampleActivities.TrainCandidate)
        .AddActivityFunc<Candidate, string>("DeployModel", SampleActivities.DeployModel)));
using var host = builder.Build();
await host.StartAsync();

var client = host.Services.GetRequiredService<DurableTaskClient>();
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var instanceId = "training-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
Console.WriteLine($"store:    {databasePath}");
Console.WriteLine($"instance: {instanceId}");
await client.ScheduleNewOrchestrationInstanceAsync(
    "TrainingRun", new TrainingRequest("iris.csv", [0.01, 0.1, 1.0]), new StartOrchestrationOptions(instanceId), timeout.Token);

// Play the reviewer: wait until the run asks for approval, then approve it.
while (true)
{
    var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token)
        ?? throw new InvalidOperationException($"Instance {instanceId} disappeared.");
    if (state.IsCompleted || state.SerializedCustomStatus?.Contains("\"approve\"", StringComparison.Ordinal) == true)
    {
        break;
    }

    await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
}

Console.WriteLine("reviewer: approving the best candidate");
await client.RaiseEventAsync(instanceId, "ApprovalDecision", "approved", timeout.Token);
var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

Console.WriteLine($"status:   {done.RuntimeStatus}");
Console.WriteLine($"output:   {done.SerializedOutput}");
Console.WriteLine();
Console.WriteLine("history:");
var history = await client.GetHistoryAsync(instanceId, timeout.Token);
var start = history.Min(e => e.Timestamp);
for (var i = 0; i < history.Count; i++)
{
    var e = history[i];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {i,3}  +{(e.Timestamp - start).TotalMilliseconds,7:0.0} ms  {e.EventType,-34} {HistoryDescription.Of(e)}"));
}

await host.StopAsync();
return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
