using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLOps.Durable.ML.Training;

/// <summary>JSON settings for stored models: camelCase, enums as strings, exact doubles.</summary>
internal static class ModelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
