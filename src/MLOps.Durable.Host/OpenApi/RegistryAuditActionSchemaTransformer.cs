using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Host.OpenApi;

/// <summary>
/// The /api/models routes write enums as camelCase strings (their own JSON options), while the document is built
/// from the app-wide options, which would show <see cref="RegistryAuditAction"/> as a number; show it as written.
/// </summary>
internal sealed class RegistryAuditActionSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(RegistryAuditAction))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = [.. Enum.GetNames<RegistryAuditAction>().Select(name => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(name)))];
        }

        return Task.CompletedTask;
    }
}
