using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLOps.Durable.ML.Drift;

/// <summary>Per-column drift results and the data-set verdict of one <see cref="DataDriftDetector"/> run.</summary>
/// <param name="Columns">One result per tested column, in the order tested.</param>
/// <param name="DriftedColumnCount">How many columns drifted.</param>
/// <param name="DriftShare">Drifted columns / tested columns (0 when no column was tested).</param>
/// <param name="DatasetDriftShare">The share at which the data set counts as drifted.</param>
/// <param name="DatasetDrift">Whether <paramref name="DriftShare"/> ≥ <paramref name="DatasetDriftShare"/>.</param>
public sealed record DataDriftReport(
    IReadOnlyList<ColumnDrift> Columns,
    int DriftedColumnCount,
    double DriftShare,
    double DatasetDriftShare,
    bool DatasetDrift)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Number of columns tested.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>The report as indented camelCase JSON; enums as camelCase strings, NaN/∞ as "NaN"/"Infinity".</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
