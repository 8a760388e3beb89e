using System.CommandLine;
using System.CommandLine.Parsing;
using MLOps.Durable.Cli.Commands;
using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli;

/// <summary>The <c>mlops</c> command tree and its entry point: parse errors are usage errors (exit 2), one line on stderr.</summary>
internal static class MlopsCli
{
    public static RootCommand Create()
    {
        var options = new GlobalOptions();
        var root = new RootCommand("mlops: pipelines, runs, approvals, models, predictions and drift on an MLOps.Durable host.");
        options.AddTo(root);
        root.Subcommands.Add(PipelineCommands.Create(options));
        root.Subcommands.Add(RunCommands.Create(options));
        root.Subcommands.Add(ApprovalCommands.Approve(options));
        root.Subcommands.Add(ApprovalCommands.Reject(options));
        root.Subcommands.Add(ModelCommands.Create(options));
        root.Subcommands.Add(PredictCommand.Create(options));
        root.Subcommands.Add(DriftCommands.Create(options));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            var messages = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')).Distinct(StringComparer.Ordinal));
            CliOutput.Error($"{messages}; see '{CommandPath(parse.CommandResult)} --help'");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>"mlops runs start" for the command the line got to.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var c })
            {
                names.Add(c is RootCommand ? "mlops" : c.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
