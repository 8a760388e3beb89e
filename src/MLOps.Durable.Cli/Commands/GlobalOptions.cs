using System.CommandLine;
using MLOps.Durable.Cli.Api;

namespace MLOps.Durable.Cli.Commands;

/// <summary>The options every command takes (recursive on the root, so they may come anywhere on the line).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Host { get; } = new("--host")
    {
        Description = $"The host's base URL (else ${HostConnection.HostVariable}, else {HostConnection.DefaultHost})",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"The function or master key (else ${HostConnection.KeyVariable})",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of tables and lines",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Host);
        root.Options.Add(Key);
        root.Options.Add(Json);
    }
}
