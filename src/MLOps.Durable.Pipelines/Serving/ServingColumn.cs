using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>A field a prediction row must (or, when nullable, may) carry, and the JSON type it must have.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Kind">Numeric: a JSON number; boolean: true/false; categorical: a JSON string.</param>
/// <param name="Nullable">Whether the field may be null or left out.</param>
internal sealed record ServingColumn(string Name, ColumnKind Kind, bool Nullable)
{
    /// <summary>
    /// The fields a version accepts: the pipeline's pinned schema without its target, plus any model feature the
    /// schema lacks. Without a schema, the model's features, each nullable (the model imputes missing values).
    /// </summary>
    public static IReadOnlyList<ServingColumn> Of(DatasetSchema? schema, TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var columns = new List<ServingColumn>();
        if (schema is not null)
        {
            columns.AddRange(schema.Columns.Where(c => c.Name != schema.Target && c.Name != model.Target).Select(c => new ServingColumn(c.Name, c.Kind, c.Nullable)));
        }

        foreach (var feature in model.Features.Where(f => columns.All(c => c.Name != f.Name)))
        {
            columns.Add(new ServingColumn(feature.Name, feature.Kind, Nullable: true));
        }

        return columns;
    }
}
