using System.CommandLine;
using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli.Commands;

/// <summary>Binds a command to its handler and turns failures into the one-line error and exit code.</summary>
internal static class CommandActions
{
    public static Command WithHandler(this Command command, GlobalOptions options, Func<CommandContext, CancellationToken, Task<int>> handler)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = new CommandContext(parse, options);
            try
            {
                return await handler(context, cancellationToken).ConfigureAwait(false);
            }
            catch (CliException ex)
            {
                CliOutput.Error(ex.Message);
                return ex.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                CliOutput.Error("interrupted; anything already started on the host goes on (see mlops runs list)");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
