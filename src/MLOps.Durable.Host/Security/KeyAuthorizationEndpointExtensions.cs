using Microsoft.AspNetCore.Mvc;

namespace MLOps.Durable.Host.Security;

/// <summary>Puts a key check on endpoints together with what describes it, so the two cannot drift apart.</summary>
public static class KeyAuthorizationEndpointExtensions
{
    /// <summary>
    /// Adds <see cref="KeyAuthorizationFilter"/> for <paramref name="level"/>, records the level as
    /// <see cref="AuthorizationLevelMetadata"/> and, unless anonymous, documents its 401 ProblemDetails.
    /// </summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AuthorizationLevel level)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new KeyAuthorizationFilter(level));
        builder.WithMetadata(new AuthorizationLevelMetadata(level));
        if (level != AuthorizationLevel.Anonymous)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
