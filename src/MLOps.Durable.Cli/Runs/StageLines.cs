using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli.Runs;

/// <summary>
/// The watch for a redirected stdout: one line per stage change (<c>stage validate: running</c>,
/// <c>stage validate: done (150 rows ...)</c>). A stage first seen already finished (it ran between two polls)
/// still gets its running line first, so the output does not depend on the poll timing. Stages before
/// <paramref name="from"/> (e.g. those before "approve" when watching after a decision) are left out.
/// </summary>
internal sealed class StageLines(CliOutput output, string? from = null)
{
    private readonly Dictionary<string, string> _printed = new(StringComparer.Ordinal);

    public void Update(RunSnapshot snapshot)
    {
        var start = from is null ? 0 : Math.Max(0, snapshot.Stages.ToList().FindIndex(s => s.Name == from));
        foreach (var stage in snapshot.Stages.Skip(start))
        {
            var seen = _printed.GetValueOrDefault(stage.Name);
            if (seen == stage.Status)
            {
                continue;
            }

            if (seen is null && stage.Status != "running")
            {
                output.Line($"stage {stage.Name}: running");
            }

            output.Line(stage.Status == "running" || stage.Detail is null ? $"stage {stage.Name}: {stage.Status}" : $"stage {stage.Name}: {stage.Status} ({stage.Detail})");
            _printed[stage.Name] = stage.Status;
        }
    }
}
