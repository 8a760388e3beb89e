using System.Globalization;

namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>
/// The rules for run ids and artifact names, the same for every store so a name that works on one works on all:
/// a run id is one segment; a name is segments joined by '/'. A segment is 1-128 characters, does not start
/// with '.' (so no '.', '..' or hidden files), does not end with ' ' or '.', has no control characters and none
/// of \ : * ? " &lt; &gt; |, and is not a reserved device name (CON, NUL, COM1, ...). A name is at most 256 characters.
/// </summary>
public static class ArtifactPaths
{
    /// <summary>The longest segment.</summary>
    public const int MaxSegmentLength = 128;

    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 256;

    private const string Rules =
        "expected 1-128-character segments separated by '/' that do not start with '.', do not end with ' ' or '.', and contain no " +
        "control characters or any of \\ : * ? \" < > |";

    private static readonly char[] ControlCharacters = [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(char.IsControl)];

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Throws <see cref="InvalidArtifactPathException"/> naming the rule <paramref name="runId"/> breaks.</summary>
    public static void ValidateRunId(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (runId.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid("runId", runId, "contains '/'", "expected one folder name, e.g. 'churn-20260101'");
        }

        if (SegmentProblem(runId) is { } problem)
        {
            throw Invalid("runId", runId, problem, "expected one folder name of 1-128 characters, e.g. 'churn-20260101', that does not start with '.' and contains no control characters or any of \\ / : * ? \" < > |");
        }
    }

    /// <summary>Throws <see cref="InvalidArtifactPathException"/> naming the rule <paramref name="name"/> breaks; otherwise its segments.</summary>
    public static IReadOnlyList<string> ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxNameLength)
        {
            throw Invalid("name", name, string.Create(CultureInfo.InvariantCulture, $"is {name.Length} characters long"), $"expected at most {MaxNameLength}");
        }

        if (name.StartsWith('/') || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':'))
        {
            throw Invalid("name", name, "is an absolute path", "expected a name relative to the run, e.g. 'reports/metrics.json'");
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            throw Invalid("name", name, "contains '\\'", "use '/' to separate sub-folders, e.g. 'reports/metrics.json'");
        }

        var segments = name.Split('/');
        foreach (var segment in segments)
        {
            if (SegmentProblem(segment) is { } problem)
            {
                throw Invalid("name", name, problem, Rules);
            }
        }

        return segments;
    }

    /// <summary>What is wrong with one segment, or null when it is fine.</summary>
    private static string? SegmentProblem(string segment)
    {
        if (segment.Length == 0)
        {
            return "has an empty segment";
        }

        if (segment is "." or "..")
        {
            return $"contains '{segment}', which would leave the run's folder";
        }

        if (segment.Length > MaxSegmentLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"has a segment of {segment.Length} characters");
        }

        var control = segment.IndexOfAny(ControlCharacters);
        if (control >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)segment[control]:X4}");
        }

        var bad = segment.IndexOfAny(['\\', ':', '*', '?', '"', '<', '>', '|']);
        if (bad >= 0)
        {
            return $"contains '{segment[bad]}'";
        }

        if (segment.StartsWith('.'))
        {
            return $"has a segment '{segment}' that starts with '.'";
        }

        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return $"has a segment '{segment}' that ends with '{segment[^1]}'";
        }

        var stem = segment.Split('.')[0].TrimEnd(' ');
        return ReservedDeviceNames.Contains(stem) ? $"has a segment '{segment}' that is a reserved device name" : null;
    }

    private static InvalidArtifactPathException Invalid(string field, string value, string problem, string expected) =>
        new(field, $"{field}: '{Printable(value)}' {problem}: {expected}.");

    /// <summary>The value with control characters escaped, so an error message cannot forge log lines.</summary>
    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));
}
