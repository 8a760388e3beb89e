using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MLOps.Durable.Host.Security;

namespace MLOps.Durable.Host.OpenApi;

/// <summary>
/// Declares the key schemes (header <c>x-functions-key</c> or query <c>code</c>; <c>aeg-sas-key</c> for the topic)
/// and lists them on each operation whose endpoint carries <see cref="AuthorizationLevelMetadata"/> above anonymous.
/// </summary>
internal sealed class KeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiDocument.FunctionKeyHeaderScheme] = ApiKey(
            KeyAuthorization.KeyHeader, ParameterLocation.Header, "A function key, or the master key (required by admin-level routes).");
        document.Components.SecuritySchemes[ApiDocument.FunctionKeyQueryScheme] = ApiKey(
            "code", ParameterLocation.Query, "The same key as x-functions-key, as the code query parameter.");
        document.Components.SecuritySchemes[ApiDocument.TopicKeyScheme] = ApiKey(
            "aeg-sas-key", ParameterLocation.Header, "The local event topic's key (printed at start), as Event Grid takes it.");
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var level = context.Description.ActionDescriptor.EndpointMetadata.OfType<AuthorizationLevelMetadata>().LastOrDefault()?.Level;
        if (level is null or AuthorizationLevel.Anonymous)
        {
            return Task.CompletedTask;
        }

        // Two requirements: either one satisfies the operation (the header or the query parameter).
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.FunctionKeyHeaderScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.FunctionKeyQueryScheme, context.Document)] = [] },
        ];
        var needs = level == AuthorizationLevel.Admin ? "Needs the master (admin) key." : "Needs a function key or the master key.";
        operation.Description = operation.Description is { Length: > 0 } text ? $"{text}\n\n{needs}" : needs;
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme ApiKey(string name, ParameterLocation location, string description) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        Name = name,
        In = location,
        Description = description,
    };
}
