using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MLOps.Durable.LoadBench;

/// <summary>
/// The ceiling of the HTTP stack here (<c>constant</c> role, its own process): a minimal ASP.NET Core app built as the
/// host is (<c>WebApplication.CreateBuilder</c>, Kestrel) with one POST route answering a constant JSON body shaped like
/// a prediction, without reading the request. Started with server GC like the host, logging at Warning.
/// </summary>
internal static class ConstantEndpoint
{
    public const string Path = "/predict";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        var constant = new
        {
            model = "constant",
            version = 1,
            alias = "production",
            predictions = new[] { new { predictionId = "00000000000000000000000000000000", label = "virginica" } },
        };
        app.MapPost(Path, () => TypedResults.Json(constant));
        app.MapGet("/health", () => TypedResults.Ok());
        await app.RunAsync();
        return 0;
    }
}
