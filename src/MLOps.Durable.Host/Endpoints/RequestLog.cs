using System.Diagnostics;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// Logs each request at Debug as method, path, status and time, never the query string: keys travel in
/// <c>?code=</c> and approval links carry their token there. ASP.NET Core's own request log
/// (<see cref="HostingCategory"/>) writes the whole URL, so the host holds that category at Warning whatever host.json says.
/// </summary>
public static partial class RequestLog
{
    /// <summary>The category of ASP.NET Core's "Request starting ... ?query" lines.</summary>
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Adds the log to the pipeline.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("MLOps.Durable.Host.Requests");
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                LogRequest(logger, context.Request.Method, context.Request.PathBase + context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(3202, LogLevel.Debug, "{Method} {Path} -> {Status} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double elapsedMilliseconds);
}
