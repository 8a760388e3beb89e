namespace MLOps.Durable.Testing;

/// <summary>A per-test deadline: tests wait on conditions with this token instead of sleeping.</summary>
public static class TestTimeout
{
    /// <summary>How long any single test may wait for the engine.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>A token cancelled after <see cref="Default"/>.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Default).Token;
}
