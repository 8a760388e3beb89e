using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// The last word on exceptions an endpoint did not answer itself: a request the framework could not bind (a query
/// value of the wrong type, a body cut short) is that request's 4xx with the reason; anything else is a 500 that
/// names the trace id to look for in the log and nothing of the exception, so no internal detail or secret leaks.
/// </summary>
public sealed partial class HttpErrorHandler(IProblemDetailsService problems, ILogger<HttpErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
        }
        else
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = $"The host failed to answer; the log has the error under trace id {httpContext.TraceIdentifier}.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }

    [LoggerMessage(3201, LogLevel.Error, "{Method} {Path} failed (trace id {TraceId}).")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string traceId);
}
