using System.Globalization;
using Spectre.Console;

namespace MLOps.Durable.Cli.Runs;

/// <summary>
/// The watch in a terminal: a Spectre progress bar per stage (validate, train, evaluate, approve, deploy, and
/// promote when it appears). Train fills by its "k/n candidates" progress; the others when they end.
/// </summary>
internal sealed class StageBars(ProgressContext progress)
{
    private static readonly string[] Expected = ["validate", "train", "evaluate", "approve", "deploy"];

    private readonly Dictionary<string, ProgressTask> _tasks = Expected.ToDictionary(
        name => name, name => progress.AddTask(Describe(name, "pending", null), autoStart: false, maxValue: 1), StringComparer.Ordinal);

    public void Update(RunSnapshot snapshot)
    {
        foreach (var stage in snapshot.Stages)
        {
            if (!_tasks.TryGetValue(stage.Name, out var task))
            {
                task = _tasks[stage.Name] = progress.AddTask(Describe(stage.Name, "pending", null), autoStart: false, maxValue: 1);
            }

            task.Description = Describe(stage.Name, stage.Status, stage.Detail);
            if (!task.IsStarted)
            {
                task.StartTask();
            }

            if (stage.Status == "running")
            {
                var fraction = Fraction(stage.Detail);
                task.IsIndeterminate = fraction is null;
                task.Value = fraction ?? 0;
            }
            else
            {
                task.IsIndeterminate = false;
                task.Value = stage.Status == "done" ? 1 : task.Value;
                task.StopTask();
            }
        }
    }

    private static string Describe(string name, string status, string? detail)
    {
        var colour = status switch { "done" => "green", "rejected" => "red", "running" => "blue", _ => "grey" };
        // Room for the bar, percentage and spinner columns on the same line, however narrow the terminal.
        var room = Math.Max(20, AnsiConsole.Profile.Width - 45);
        var text = detail is null ? status : $"{status}: {detail}";
        if (text.Length > room)
        {
            text = text[..(room - 3)] + "...";
        }

        return $"[bold]{Markup.Escape(name),-9}[/] [{colour}]{Markup.Escape(text)}[/]";
    }

    /// <summary>"2/3 candidates" as 2/3, else null.</summary>
    private static double? Fraction(string? detail)
    {
        var parts = detail?.Split(' ', 2)[0].Split('/');
        return parts is [var done, var total]
            && int.TryParse(done, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0
            ? (double)d / t
            : null;
    }
}
