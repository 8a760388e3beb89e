using Microsoft.AspNetCore.OpenApi;

namespace MLOps.Durable.Host.OpenApi;

/// <summary>
/// The OpenAPI document of the /api routes and the Durable Functions management API, served anonymously at
/// <c>GET /{routePrefix}/openapi.json</c> as the Azure Functions OpenAPI extension exposes its document.
/// </summary>
public static class ApiDocument
{
    /// <summary>The document's title.</summary>
    public const string Title = "MLOps.Durable API";

    /// <summary>Security scheme: a function or master key in the <c>x-functions-key</c> header.</summary>
    public const string FunctionKeyHeaderScheme = "functionKeyHeader";

    /// <summary>Security scheme: a function or master key in the <c>code</c> query parameter.</summary>
    public const string FunctionKeyQueryScheme = "functionKeyQuery";

    /// <summary>Security scheme: the local event topic's key in the <c>aeg-sas-key</c> header, as Event Grid takes it.</summary>
    public const string TopicKeyScheme = "topicKey";

    /// <summary>The document's route below the route prefix.</summary>
    public const string Route = "/openapi.json";

    /// <summary>Registers the document with its title, version, relative server and key security schemes.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiInfoTransformer>();
            options.AddDocumentTransformer<KeySecurityTransformer>();
            options.AddOperationTransformer<KeySecurityTransformer>();
            options.AddSchemaTransformer<RegistryAuditActionSchemaTransformer>();
        });

    /// <summary>Maps <c>GET {prefix}/openapi.json</c>, anonymous (the document holds no key and no data).</summary>
    public static IEndpointConventionBuilder MapApiDocument(this IEndpointRouteBuilder routes, string prefix) =>
        routes.MapOpenApi(prefix + Route);
}
