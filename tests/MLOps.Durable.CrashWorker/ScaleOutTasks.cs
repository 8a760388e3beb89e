using MLOps.Durable.Registration;

namespace MLOps.Durable.CrashWorker;

/// <summary>The orchestrations the scale-out test spreads over several worker processes.</summary>
internal static class ScaleOutTasks
{
    public const string HelloSequence = "HelloSequence";
    public const string FanOutFanIn = "FanOutFanIn";
    public const string SayHello = "SayHello";
    public const string Square = "Square";

    public static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Paris", "Lagos"];

    public static DurableTaskRegistry Register(DurableTaskRegistry tasks) => tasks
        .AddOrchestratorFunc<string, string>(HelloSequence, RunHelloSequenceAsync)
        .AddOrchestratorFunc<int, int>(FanOutFanIn, RunFanOutFanInAsync)
        .AddActivityFunc<string, string>(SayHello, (_, city) => WorkAsync($"Hello {city}!"))
        .AddActivityFunc<int, int>(Square, (_, n) => WorkAsync(n * n));

    /// <summary>Five activities one after the other; the greetings joined.</summary>
    private static async Task<string> RunHelloSequenceAsync(TaskOrchestrationContext context, string _)
    {
        var greetings = new List<string>();
        foreach (var city in Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>(SayHello, city));
        }

        return string.Join(" ", greetings);
    }

    /// <summary>Squares 1..n in parallel and returns their sum.</summary>
    private static async Task<int> RunFanOutFanInAsync(TaskOrchestrationContext context, int n)
    {
        var squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => context.CallActivityAsync<int>(Square, i)));
        return squares.Sum();
    }

    /// <summary>A few milliseconds of real work, so that a kill can land while activities run.</summary>
    private static async Task<T> WorkAsync<T>(T result)
    {
        await Task.Delay(20).ConfigureAwait(false);
        return result;
    }
}
