namespace MLOps.Durable.Cli.Tests.Harness;

/// <summary>One finished <c>mlops</c> process: its exit code and what it wrote.</summary>
public sealed record CliResult(string Arguments, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout's lines, without the empty last one.</summary>
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>Stderr's lines.</summary>
    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"mlops {Arguments} -> exit {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
