using Microsoft.AspNetCore.Mvc;

namespace MLOps.Durable.Host.Security;

/// <summary>
/// Refuses a request unless it carries a key granting the level its endpoint's <see cref="AuthorizationLevelMetadata"/>
/// names, in the <c>x-functions-key</c> header or the <c>code</c> query parameter, as Azure Functions does: 401
/// without a key or with one that is not the host's, 403 with a function key where the master key is needed (Azure
/// Functions answers 401 to both). It runs after routing and before the endpoint binds anything, so a caller without
/// a key learns nothing about what the endpoint would have made of the request.
/// </summary>
public static class KeyAuthorization
{
    /// <summary>The header that carries a key.</summary>
    public const string KeyHeader = "x-functions-key";

    /// <summary>Adds the check to the pipeline (after routing, before the endpoints).</summary>
    public static IApplicationBuilder UseKeyAuthorization(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AuthorizationLevelMetadata>() is not { Level: not AuthorizationLevel.Anonymous } required
            || await CheckAsync(context, required.Level) is not { } refusal)
        {
            await next(context);
            return;
        }

        await refusal.ExecuteAsync(context);
    });

    /// <summary>Null when the request's key grants <paramref name="level"/>, else the refusal to answer with.</summary>
    private static async Task<IResult?> CheckAsync(HttpContext context, AuthorizationLevel level)
    {
        var request = context.Request;
        var presented = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        var keys = await context.RequestServices.GetRequiredService<FunctionKeyProvider>().GetKeysAsync();
        if (keys.Grants(level, presented))
        {
            return null;
        }

        if (presented is not null && keys.Grants(AuthorizationLevel.Function, presented))
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = $"The function key given is valid but this endpoint needs the master (admin) key; pass that in the {KeyHeader} header or the code query parameter.",
            });
        }

        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = presented is null
                ? $"This endpoint needs a{(level == AuthorizationLevel.Admin ? " master (admin)" : " function")} key: pass it in the {KeyHeader} header or the code query parameter."
                : $"The key given (in the {KeyHeader} header or the code query parameter) is not a key of this host; " +
                    $"this endpoint needs a{(level == AuthorizationLevel.Admin ? " master (admin)" : " function or master")} key.",
        });
    }
}
