namespace MLOps.Durable.Cli;

/// <summary>The command line itself is wrong (a bad option value, a missing or unreadable file): exit code 2.</summary>
internal sealed class UsageException(string message, Exception? innerException = null)
    : CliException(message, ExitCodes.Usage, innerException);
