namespace MLOps.Durable.ML.Data;

/// <summary>
/// Input data (a CSV file, a schema or profile JSON) is malformed. The message starts with the place
/// (<c>file:line:column</c>, or <c>file:line</c> when the whole line is at fault) and says what was expected.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates an exception for <paramref name="sourceName"/> at an optional line and column (both 1-based).</summary>
    public DataFormatException(string sourceName, long? line, long? column, string detail)
        : base(FormatMessage(sourceName, line, column, detail))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>Creates an exception for <paramref name="sourceName"/> at a JSON path (for example <c>columns[2].kind</c>).</summary>
    public DataFormatException(string sourceName, string jsonPath, string detail)
        : base($"{sourceName}: {jsonPath}: {detail}")
    {
        SourceName = sourceName;
        JsonPath = jsonPath;
        Detail = detail;
    }

    /// <summary>The file name or a description of the input, such as <c>&lt;text&gt;</c>.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column (in characters), when known.</summary>
    public long? Column { get; }

    /// <summary>The JSON path of the faulty value, for JSON inputs.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong and what was expected, without the place.</summary>
    public string Detail { get; }

    private static string FormatMessage(string sourceName, long? line, long? column, string detail) =>
        (line, column) switch
        {
            (null, _) => $"{sourceName}: {detail}",
            (_, null) => $"{sourceName}:{line}: {detail}",
            _ => $"{sourceName}:{line}:{column}: {detail}",
        };
}
