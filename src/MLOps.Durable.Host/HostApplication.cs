namespace MLOps.Durable.Host;

/// <summary>Builds and runs the host; split from Program so that tests can start it on a loopback port.</summary>
public static class HostApplication
{
    /// <summary>Runs until Ctrl+C; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        await using var app = builder.Build();
        app.MapGet("/api/health", () => TypedResults.Ok(new { status = "Healthy" }));
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
