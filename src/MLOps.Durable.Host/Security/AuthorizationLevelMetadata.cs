namespace MLOps.Durable.Host.Security;

/// <summary>
/// Endpoint metadata naming the key level <see cref="KeyAuthorization"/> demands for it, so that the OpenAPI
/// document lists the key scheme on exactly the routes that check it.
/// </summary>
public sealed record AuthorizationLevelMetadata(AuthorizationLevel Level);
