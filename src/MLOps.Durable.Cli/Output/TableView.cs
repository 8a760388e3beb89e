namespace MLOps.Durable.Cli.Output;

/// <summary>Rows of text under column headers, drawn by <see cref="CliOutput"/> as a Spectre table or as plain aligned columns.</summary>
internal sealed class TableView(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public TableView Add(params string?[] cells)
    {
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"Expected {Headers.Count} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => c ?? string.Empty)]);
        return this;
    }

    /// <summary>
    /// Plain text: upper-case headers, columns left-aligned and two spaces apart, no trailing spaces, so that a
    /// redirected output reads like <c>kubectl get</c> and splits on runs of spaces.
    /// </summary>
    public IEnumerable<string> PlainLines()
    {
        var widths = Headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        yield return Line(Headers.Select(h => h.ToUpperInvariant()).ToArray(), widths);
        foreach (var row in _rows)
        {
            yield return Line(row, widths);
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
