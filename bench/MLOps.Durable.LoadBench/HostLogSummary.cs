namespace MLOps.Durable.LoadBench;

/// <summary>
/// The warnings and errors the host printed (its console logger: a <c>warn: Category[id]</c> line, then the message
/// indented), counted by level, category and event id with the first message of each, so that trouble under load
/// shows in the bench's output instead of only in a lower figure.
/// </summary>
internal sealed record HostLogSummary(IReadOnlyList<(string Head, int Count, string First)> Entries)
{
    private static readonly string[] Levels = ["warn: ", "fail: ", "crit: "];

    public int Total => Entries.Sum(e => e.Count);

    public static HostLogSummary Of(string output)
    {
        var lines = output.Split('\n');
        var entries = new List<(string Head, string Message)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (Levels.Any(level => line.StartsWith(level, StringComparison.Ordinal)))
            {
                entries.Add((line, i + 1 < lines.Length ? lines[i + 1].Trim() : string.Empty));
            }
        }

        return new HostLogSummary([.. entries.GroupBy(e => e.Head).Select(g => (g.Key, g.Count(), g.First().Message))]);
    }
}
