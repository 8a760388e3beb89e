using Microsoft.AspNetCore.Mvc;

namespace MLOps.Durable.Host.Security;

/// <summary>Puts a key check on endpoints together with what describes it, so the two cannot drift apart.</summary>
public static class KeyAuthorizationEndpointExtensions
{
    /// <summary>
    /// Records <paramref name="level"/> as <see cref="AuthorizationLevelMetadata"/> (which <see cref="KeyAuthorization"/>
    /// enforces) and documents its 401 (and, for admin, 403) ProblemDetails.
    /// </summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AuthorizationLevel level)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AuthorizationLevelMetadata(level));
        if (level != AuthorizationLevel.Anonymous)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));
        }

        if (level == AuthorizationLevel.Admin)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
