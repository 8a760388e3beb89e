using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MLOps.Durable.Host.OpenApi;

/// <summary>
/// Documents a request body through an operation transformer instead of <c>Accepts</c>: <c>Accepts</c> adds
/// <c>IAcceptsMetadata</c>, on which routing answers 415 to any other content type, while these handlers read the
/// body themselves and answer 400 naming what is wrong with it.
/// </summary>
public static class RequestBodyDocumentation
{
    /// <summary>The body as <typeparamref name="TBody"/> (use <see cref="object"/> for any JSON) in each of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder DocumentRequestBody<TBody>(this RouteHandlerBuilder builder, bool required, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }, StringComparer.Ordinal),
            };
        });
}
