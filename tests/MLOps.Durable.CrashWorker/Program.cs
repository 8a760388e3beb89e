using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Durable.Client;
using MLOps.Durable.CrashWorker;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.Sqlite;
using MLOps.Durable.Worker;

// A worker process for the crash-recovery tests (tests/MLOps.Durable.Storage.Sqlite.Tests/CrashRecovery).
//
//   MLOps.Durable.CrashWorker <sqlite-file> <mode> [instanceId] [amount]
//
//   start        schedules LongChain(amount steps, default 150) as instanceId (default "crash") and runs the worker
//                until it is killed or its standard input closes (so a test that dies leaves no orphan)
//   start-timer  the same with TimerChain: Step 0, a durable timer of amount ms (default 3000), Step 1
//   resume       runs the worker until instanceId finishes, prints "status: ..." and "output: ...", and exits
//                0 when it Completed, 1 otherwise
//
// In the start modes the orchestration's last step never finishes (it waits for the kill), so the instance
// cannot complete before the test kills the process, however slow the test is to react. Locks last 2 s, so
// the work of a killed process reappears quickly. Exit code 2 is a usage error.
//
//   MLOps.Durable.CrashWorker azure <connection-string> <hub> <worker-id>
//
//   a worker on an Azure Storage task hub for the scale-out test (see ScaleOutWorker)
if (args is ["azure", var connection, var hub, var workerId])
{
    return await ScaleOutWorker.RunAsync(connection, hub, workerId);
}

if (args.Length is < 2 or > 4 || args[1] is not ("start" or "start-timer" or "resume"))
{
    Console.Error.WriteLine("usage: MLOps.Durable.CrashWorker <sqlite-file> <start|start-timer|resume> [instanceId] [amount]");
    return 2;
}

var databasePath = Path.GetFullPath(args[0]);
var mode = args[1];
var instanceId = args.Length > 2 ? args[2] : "crash";
var amount = mode == "start-timer" ? 3000 : 150;
if (args.Length > 3 && (!int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount < 1))
{
    Console.Error.WriteLine($"amount '{args[3]}' is not a positive integer (steps for start, e.g. 150; milliseconds for start-timer, e.g. 3000)");
    return 2;
}

var holdFrom = mode switch
{
    "start" => amount - 1,
    "start-timer" => 1,
    _ => int.MaxValue,
};
var services = new ServiceCollection();
services.AddLogging(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
services.AddDurableEngine(engine => engine
    .UseStore(_ => new SqliteDurableStore(new SqliteStoreOptions { DataSource = databasePath }))
    .ConfigureWorker(worker =>
    {
        worker.LockDuration = TimeSpan.FromSeconds(2);
        worker.PollInterval = TimeSpan.FromMilliseconds(50);
    })
    .AddTasks(tasks => CrashTasks.Register(tasks, new ActivityLog(databasePath + ActivityLog.Suffix), holdFrom)));
await using var provider = services.BuildServiceProvider();
var worker = provider.GetRequiredService<DurableTaskWorker>();
var client = provider.GetRequiredService<DurableTaskClient>();
await worker.StartAsync(CancellationToken.None);

int exitCode;
if (mode == "resume")
{
    Console.WriteLine($"ready pid={Environment.ProcessId}");
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    Console.WriteLine($"status: {done.RuntimeStatus}");
    Console.WriteLine($"output: {done.SerializedOutput}");
    if (done.FailureDetails is { } failure)
    {
        Console.WriteLine($"failure: {failure}");
    }

    exitCode = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
}
else
{
    var orchestrator = mode == "start" ? CrashTasks.LongChain : CrashTasks.TimerChain;
    await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, amount, new StartOrchestrationOptions(instanceId));
    Console.WriteLine($"ready pid={Environment.ProcessId}");
    await Task.Run(() => Console.In.ReadToEnd());
    Console.WriteLine("standard input closed; stopping");
    exitCode = 0;
}

using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
await worker.StopAsync(stopping.Token);
return exitCode;
