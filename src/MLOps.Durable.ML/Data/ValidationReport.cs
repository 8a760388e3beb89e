using System.Text;
using System.Text.Json;

namespace MLOps.Durable.ML.Data;

/// <summary>The outcome of <see cref="DatasetValidator.Validate"/>: findings in a fixed order, as JSON for machines and text for people.</summary>
/// <param name="RowCount">Rows validated.</param>
/// <param name="SchemaVersion">The version of the schema validated against.</param>
/// <param name="Findings">Everything found, errors and warnings.</param>
public sealed record ValidationReport(int RowCount, int SchemaVersion, IReadOnlyList<ValidationFinding> Findings)
{
    /// <summary>True when there is no error (warnings allowed).</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>Number of findings with severity error.</summary>
    public int ErrorCount => Findings.Count(f => f.Severity == FindingSeverity.Error);

    /// <summary>Number of findings with severity warning.</summary>
    public int WarningCount => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    /// <summary>The findings with the given code.</summary>
    public IEnumerable<ValidationFinding> WithCode(ValidationCode code) => Findings.Where(f => f.Code == code);

    /// <summary>Stable JSON (camelCase codes, fixed property order, LF line breaks).</summary>
    public string ToJson() => StableJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteBoolean("isValid", IsValid);
        writer.WriteNumber("rowCount", RowCount);
        writer.WriteNumber("schemaVersion", SchemaVersion);
        writer.WriteNumber("errorCount", ErrorCount);
        writer.WriteNumber("warningCount", WarningCount);
        writer.WriteString("rowNumbers", "1-based data rows, header not counted");
        writer.WriteStartArray("findings");
        foreach (var finding in Findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>One line per finding under a summary line, for logs and the console.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append($"{(IsValid ? "VALID" : "INVALID")}: {RowCount} rows against schema version {SchemaVersion}: {ErrorCount} errors, {WarningCount} warnings\n");
        foreach (var finding in Findings)
        {
            var severity = finding.Severity == FindingSeverity.Error ? "error  " : "warning";
            var rows = finding.ExampleRows.Count == 0 ? string.Empty : $" [rows {string.Join(", ", finding.ExampleRows)}]";
            text.Append($"{severity} {CodeName(finding.Code)}: {finding.Message}{rows}\n");
        }

        return text.ToString();
    }

    /// <summary>The camelCase name of a code, as in JSON and README.md.</summary>
    public static string CodeName(ValidationCode code) => JsonNamingPolicy.CamelCase.ConvertName(code.ToString());

    private static void WriteFinding(Utf8JsonWriter writer, ValidationFinding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("code", CodeName(finding.Code));
        writer.WriteString("severity", finding.Severity == FindingSeverity.Error ? "error" : "warning");
        if (finding.Column is null)
        {
            writer.WriteNull("column");
        }
        else
        {
            writer.WriteString("column", finding.Column);
        }

        writer.WriteNumber("count", finding.Count);
        writer.WriteStartArray("exampleRows");
        foreach (var row in finding.ExampleRows)
        {
            writer.WriteNumberValue(row);
        }

        writer.WriteEndArray();
        writer.WriteString("message", finding.Message);
        writer.WriteEndObject();
    }
}
