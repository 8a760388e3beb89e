namespace MLOps.Durable.Cli;

/// <summary>The process exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (a run that waits for approval counts: it got as far as it can alone).</summary>
    public const int Ok = 0;

    /// <summary>The operation failed: an HTTP error, a run that failed or was rejected, an invalid definition.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: a parse error, a missing or unreadable input file.</summary>
    public const int Usage = 2;
}
