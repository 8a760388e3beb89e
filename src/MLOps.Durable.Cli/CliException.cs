namespace MLOps.Durable.Cli;

/// <summary>
/// A failure the command line reports as one line on stderr and turns into an exit code; the message says
/// what went wrong and what to do about it.
/// </summary>
internal class CliException(string message, int exitCode = ExitCodes.Failed, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The process exit code for this failure.</summary>
    public int ExitCode { get; } = exitCode;
}
