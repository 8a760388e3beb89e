namespace MLOps.Durable.ML.Data;

/// <summary>How <see cref="CsvReader"/> reads delimited text. Every setting has a default; see README.md for the rules.</summary>
public sealed class CsvReadOptions
{
    /// <summary>The defaults: comma, <c>NA</c> as missing token, kinds inferred, 1 MiB fields, 16 MiB records.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The field separator. Must not be a quote, CR or LF.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Field texts (after unquoting, compared ordinally) that mean "missing", besides the empty field which is
    /// always missing. Default: <c>NA</c>.
    /// </summary>
    public IReadOnlyCollection<string> MissingTokens { get; init; } = ["NA"];

    /// <summary>Column kinds forced by name (for example from a pinned schema); other columns are inferred.</summary>
    public IReadOnlyDictionary<string, ColumnKind> ColumnKinds { get; init; } = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);

    /// <summary>What happens when a value does not parse as its forced kind. Default: throw.</summary>
    public InvalidValueHandling InvalidValues { get; init; } = InvalidValueHandling.Throw;

    /// <summary>The longest field, in characters, before reading stops (guards against a runaway quote).</summary>
    public int MaxFieldLength { get; init; } = 1 << 20;

    /// <summary>The longest record (one line, or several when quoted fields hold line breaks), in characters.</summary>
    public int MaxRecordLength { get; init; } = 1 << 24;

    /// <summary>
    /// A copy that forces every column kind of <paramref name="schema"/> and keeps bad values as text, which is
    /// how data should be read before <see cref="DatasetValidator.Validate"/>.
    /// </summary>
    public CsvReadOptions WithSchema(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new CsvReadOptions
        {
            Delimiter = Delimiter,
            MissingTokens = MissingTokens,
            ColumnKinds = schema.Columns.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal),
            InvalidValues = InvalidValueHandling.KeepText,
            MaxFieldLength = MaxFieldLength,
            MaxRecordLength = MaxRecordLength,
        };
    }

    /// <summary>Throws when a setting is unusable, naming the setting and its value.</summary>
    public void Validate()
    {
        if (Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException(
                $"CsvReadOptions.Delimiter: '{Delimiter}' cannot separate fields; expected a character other than a quote, CR or LF.");
        }

        if (MaxFieldLength < 1)
        {
            throw new ArgumentException($"CsvReadOptions.MaxFieldLength: {MaxFieldLength}; expected a positive number of characters.");
        }

        if (MaxRecordLength < MaxFieldLength)
        {
            throw new ArgumentException(
                $"CsvReadOptions.MaxRecordLength: {MaxRecordLength}; expected at least MaxFieldLength ({MaxFieldLength}).");
        }

        ArgumentNullException.ThrowIfNull(MissingTokens, "CsvReadOptions.MissingTokens");
        ArgumentNullException.ThrowIfNull(ColumnKinds, "CsvReadOptions.ColumnKinds");
    }
}
