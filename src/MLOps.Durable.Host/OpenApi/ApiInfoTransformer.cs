using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MLOps.Durable.Host.OpenApi;

/// <summary>Title, version (the host assembly's) and description; one relative server, so the document works behind any host name.</summary>
internal sealed class ApiInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly string Version =
        typeof(ApiInfoTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ApiInfoTransformer).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = ApiDocument.Title,
            Version = Version,
            Description =
                "The MLOps.Durable host: pipelines and their runs, reviewer approvals, the model registry and serving " +
                "(predict, feedback, promote, rollback), lifecycle events, and the Durable Functions HTTP management API. " +
                "Keys go in the x-functions-key header or the code query parameter; function-level routes take the " +
                "function or master key, the management API the master key.",
        };
        document.Servers = [new OpenApiServer { Url = "/" }];
        return Task.CompletedTask;
    }
}
