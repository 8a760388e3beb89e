using Microsoft.AspNetCore.Mvc;

namespace MLOps.Durable.Host.Security;

/// <summary>
/// Refuses a request with 401 unless it carries a key granting <paramref name="level"/>, in the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter, as Azure Functions does.
/// </summary>
public sealed class KeyAuthorizationFilter(AuthorizationLevel level) : IEndpointFilter
{
    /// <summary>The header that carries a key.</summary>
    public const string KeyHeader = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (level == AuthorizationLevel.Anonymous)
        {
            return await next(context);
        }

        var request = context.HttpContext.Request;
        var presented = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        var keys = await context.HttpContext.RequestServices.GetRequiredService<FunctionKeyProvider>().GetKeysAsync();
        if (keys.Grants(level, presented))
        {
            return await next(context);
        }

        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = presented is null
                ? $"This endpoint needs a{(level == AuthorizationLevel.Admin ? " master (admin)" : " function")} key: pass it in the {KeyHeader} header or the code query parameter."
                : $"The key given (in the {KeyHeader} header or the code query parameter) is not valid for this endpoint; " +
                    $"it needs a{(level == AuthorizationLevel.Admin ? " master (admin)" : " function or master")} key.",
        });
    }
}
