namespace MLOps.Durable.ML.Data;

/// <summary>
/// Reads CSV (RFC 4180, UTF-8) into a <see cref="DataFrame"/>, inferring column kinds unless they are forced
/// by <see cref="CsvReadOptions.ColumnKinds"/>. Built on <see cref="CsvRecordReader"/>, which streams records.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads the file at <paramref name="path"/>; errors name the file name, line and column.</summary>
    public static DataFrame ReadFile(string path, CsvReadOptions? options = null)
    {
        using var records = CsvRecordReader.Open(path, options);
        return ReadAll(records);
    }

    /// <summary>Reads UTF-8 bytes from <paramref name="stream"/> (left open).</summary>
    public static DataFrame Read(Stream stream, CsvReadOptions? options = null, string sourceName = "<stream>")
    {
        using var records = CsvRecordReader.Create(stream, options, sourceName, leaveOpen: true);
        return ReadAll(records);
    }

    /// <summary>Reads decoded text from <paramref name="reader"/> (left open).</summary>
    public static DataFrame Read(TextReader reader, CsvReadOptions? options = null, string sourceName = "<text>")
    {
        using var records = CsvRecordReader.Create(reader, options, sourceName);
        return ReadAll(records);
    }

    /// <summary>Reads CSV held in a string, for example a test fixture.</summary>
    public static DataFrame Parse(string text, CsvReadOptions? options = null, string sourceName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader, options, sourceName);
    }

    /// <summary>
    /// Streams <paramref name="records"/> as frames of at most <paramref name="batchSize"/> rows. Kinds that are not
    /// forced are inferred from the first batch and then kept, so a later batch with a value that does not fit
    /// fails (or is kept as text, per <see cref="CsvReadOptions.InvalidValues"/>) instead of changing kind.
    /// </summary>
    public static IEnumerable<DataFrame> ReadBatches(CsvRecordReader records, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Batches(records, batchSize);
    }

    private static IEnumerable<DataFrame> Batches(CsvRecordReader records, int batchSize)
    {
        var builder = new CsvFrameBuilder(records.Header, records.Options, records.SourceName);
        var first = true;
        foreach (var record in records.ReadAll())
        {
            builder.Add(record);
            if (builder.RowCount == batchSize)
            {
                var frame = builder.Build();
                if (first)
                {
                    builder.PinKinds(frame);
                    first = false;
                }

                yield return frame;
            }
        }

        if (builder.RowCount > 0 || first)
        {
            yield return builder.Build();
        }
    }

    private static DataFrame ReadAll(CsvRecordReader records)
    {
        var builder = new CsvFrameBuilder(records.Header, records.Options, records.SourceName);
        foreach (var record in records.ReadAll())
        {
            builder.Add(record);
        }

        return builder.Build();
    }
}
