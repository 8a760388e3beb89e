namespace MLOps.Durable.ML.Data;

/// <summary>
/// Collects the raw texts of CSV records column by column and turns them into typed columns: forced kinds first,
/// otherwise numeric, then boolean, then categorical (see README.md).
/// </summary>
internal sealed class CsvFrameBuilder
{
    private readonly string[] _names;
    private readonly ColumnKind?[] _forced;
    private readonly bool[] _forcedColumnHasBadValue;
    private readonly List<string?>[] _values;
    private readonly CsvReadOptions _options;
    private readonly string _sourceName;

    public CsvFrameBuilder(IReadOnlyList<string> header, CsvReadOptions options, string sourceName)
    {
        _names = [.. header];
        _options = options;
        _sourceName = sourceName;
        _forced = new ColumnKind?[_names.Length];
        _forcedColumnHasBadValue = new bool[_names.Length];
        _values = new List<string?>[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            _values[i] = [];
            if (options.ColumnKinds.TryGetValue(_names[i], out var kind))
            {
                _forced[i] = kind;
            }
        }
    }

    /// <summary>Number of rows added since the last <see cref="Build"/>.</summary>
    public int RowCount => _values.Length == 0 ? 0 : _values[0].Count;

    /// <summary>Adds one record; with <see cref="InvalidValueHandling.Throw"/> a bad value of a forced column stops here, with its place.</summary>
    public void Add(CsvRecord record)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            var text = record.Values[i];
            if (text is not null && _forced[i] is { } kind && !ValueText.Fits(text, kind))
            {
                if (_options.InvalidValues == InvalidValueHandling.Throw)
                {
                    long? column = i < record.FieldColumns.Count ? record.FieldColumns[i] : null;
                    throw new DataFormatException(
                        _sourceName,
                        record.LineNumber,
                        column,
                        $"column '{_names[i]}' (row {record.RowNumber}): '{text}' is not {Article(kind)}; expected {Example(kind)}");
                }

                _forcedColumnHasBadValue[i] = true;
            }

            _values[i].Add(text);
        }
    }

    /// <summary>The frame of the rows added so far; the builder starts empty again.</summary>
    public DataFrame Build()
    {
        var columns = new DataColumn[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var values = _values[i];
            var kind = _forced[i] is { } forced
                ? (_forcedColumnHasBadValue[i] ? ColumnKind.Categorical : forced)
                : Infer(values);
            columns[i] = Convert(_names[i], kind, values);
            _values[i] = [];
            _forcedColumnHasBadValue[i] = false;
        }

        return new DataFrame(columns);
    }

    /// <summary>Forces the kinds chosen for the first batch on later batches, so every batch has the same columns.</summary>
    public void PinKinds(DataFrame frame)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            _forced[i] ??= frame.Columns[i].Kind;
        }
    }

    /// <summary>Numeric if every present value is a number, boolean if every one is true/false, else categorical.</summary>
    internal static ColumnKind Infer(IReadOnlyList<string?> values)
    {
        var numeric = true;
        var boolean = true;
        foreach (var text in values)
        {
            if (text is null)
            {
                continue;
            }

            numeric = numeric && ValueText.TryParseNumber(text, out _);
            boolean = boolean && ValueText.TryParseBoolean(text, out _);
            if (!numeric && !boolean)
            {
                return ColumnKind.Categorical;
            }
        }

        return numeric ? ColumnKind.Numeric : ColumnKind.Boolean;
    }

    private static DataColumn Convert(string name, ColumnKind kind, List<string?> values)
    {
        switch (kind)
        {
            case ColumnKind.Numeric:
                var numbers = new double[values.Count];
                for (var row = 0; row < numbers.Length; row++)
                {
                    numbers[row] = values[row] is { } text && ValueText.TryParseNumber(text, out var number) ? number : double.NaN;
                }

                return new NumericColumn(name, numbers);
            case ColumnKind.Boolean:
                var flags = new bool?[values.Count];
                for (var row = 0; row < flags.Length; row++)
                {
                    flags[row] = values[row] is { } text && ValueText.TryParseBoolean(text, out var flag) ? flag : null;
                }

                return new BooleanColumn(name, flags);
            default:
                return new CategoricalColumn(name, [.. values]);
        }
    }

    private static string Article(ColumnKind kind) => kind == ColumnKind.Numeric ? "a number" : "a boolean";

    private static string Example(ColumnKind kind) =>
        kind == ColumnKind.Numeric ? "a finite number in invariant format such as 3.25 or -1e-3" : "true or false";
}
