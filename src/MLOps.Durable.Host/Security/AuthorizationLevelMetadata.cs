namespace MLOps.Durable.Host.Security;

/// <summary>
/// Endpoint metadata naming the key level its <see cref="KeyAuthorizationFilter"/> demands, so that the OpenAPI
/// document lists the key scheme on exactly the routes that check it.
/// </summary>
public sealed record AuthorizationLevelMetadata(AuthorizationLevel Level);
