using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MLOps.Durable.ML.Data;

/// <summary>
/// Reads an RFC 4180 file one record at a time, so files larger than memory can be streamed. The header is read
/// when the reader is created; every record must have as many fields as the header. Rules: see README.md.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private const int EndOfInput = CsvCharSource.EndOfInput;

    private readonly TextReader _reader;
    private readonly CsvCharSource _source;
    private readonly bool _ownsReader;
    private readonly CsvReadOptions _options;
    private readonly HashSet<string> _missingTokens;
    private readonly StringBuilder _field = new();
    private long _rowNumber;

    private CsvRecordReader(TextReader reader, bool ownsReader, Utf8SentinelFallback? utf8, CsvReadOptions? options, string sourceName)
    {
        _reader = reader;
        _ownsReader = ownsReader;
        _options = options ?? CsvReadOptions.Default;
        _options.Validate();
        _source = new CsvCharSource(reader, utf8, sourceName, _options.MaxRecordLength);
        _missingTokens = new HashSet<string>(_options.MissingTokens, StringComparer.Ordinal) { string.Empty };
        SourceName = sourceName;
        try
        {
            Header = ReadHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The name used in error messages (the file name, or what the caller passed).</summary>
    public string SourceName { get; }

    /// <summary>The options this reader was created with.</summary>
    internal CsvReadOptions Options => _options;

    /// <summary>The column names from the header line, unique and non-empty.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Opens the file at <paramref name="path"/> (UTF-8, with or without BOM).</summary>
    public static CsvRecordReader Open(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Create(stream, options, Path.GetFileName(path), leaveOpen: false);
    }

    /// <summary>Reads UTF-8 bytes (with or without BOM) from <paramref name="stream"/>; invalid bytes are reported by position.</summary>
    public static CsvRecordReader Create(Stream stream, CsvReadOptions? options = null, string sourceName = "<stream>", bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fallback = new Utf8SentinelFallback();
        var encoding = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, fallback);
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: leaveOpen);
        return new CsvRecordReader(reader, ownsReader: true, fallback, options, sourceName);
    }

    /// <summary>Reads already decoded text; the caller keeps ownership of <paramref name="reader"/>.</summary>
    public static CsvRecordReader Create(TextReader reader, CsvReadOptions? options = null, string sourceName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CsvRecordReader(reader, ownsReader: false, utf8: null, options, sourceName);
    }

    /// <summary>Reads the next record; false at the end of the input.</summary>
    /// <exception cref="DataFormatException">The record is malformed; the message names line and column.</exception>
    public bool TryRead([NotNullWhen(true)] out CsvRecord? record)
    {
        var fields = new List<string?>(Header.Count);
        var columns = new List<int>(Header.Count);
        if (!TryReadFields(fields, columns, out var line))
        {
            record = null;
            return false;
        }

        if (fields.Count != Header.Count)
        {
            throw Error(line, null, $"wrong field count: expected {Header.Count} fields (as in the header), got {fields.Count}");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (_missingTokens.Contains(fields[i]!))
            {
                fields[i] = null;
            }
        }

        record = new CsvRecord(++_rowNumber, line, fields) { FieldColumns = columns };
        return true;
    }

    /// <summary>The remaining records, read lazily.</summary>
    public IEnumerable<CsvRecord> ReadAll()
    {
        while (TryRead(out var record))
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsReader)
        {
            _reader.Dispose();
        }
    }

    private string[] ReadHeader()
    {
        _source.SkipByteOrderMark();

        var names = new List<string?>();
        var columns = new List<int>();
        if (!TryReadFields(names, columns, out var line))
        {
            throw Error(1, null, "the input is empty; expected a header line with column names");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i]!;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Error(line, columns[i], $"header field {i + 1} is empty; expected a column name");
            }

            if (!seen.TryAdd(name, i))
            {
                throw Error(line, columns[i], $"header name '{name}' (field {i + 1}) repeats field {seen[name] + 1}; expected unique column names");
            }
        }

        return [.. names.Select(n => n!)];
    }

    private bool TryReadFields(List<string?> fields, List<int> columns, out long line)
    {
        // Blank lines between records are skipped (a one-column file writes a missing value as "").
        while (Peek() is '\r' or '\n')
        {
            _source.BeginRecord();
            ConsumeLineBreak();
        }

        line = _source.Line;
        if (Peek() == EndOfInput)
        {
            return false;
        }

        _source.BeginRecord();
        while (true)
        {
            columns.Add(_source.Column);
            fields.Add(Peek() == '"' ? ReadQuotedField() : ReadPlainField());
            var next = Peek();
            if (next == _options.Delimiter)
            {
                Next();
                continue;
            }

            ConsumeLineBreak();
            return true;
        }
    }

    private string ReadQuotedField()
    {
        var (startLine, startColumn) = (_source.Line, _source.Column);
        Next();
        _field.Clear();
        while (true)
        {
            var c = Next();
            if (c == EndOfInput)
            {
                throw Error(startLine, startColumn, "unterminated quoted field; expected a closing '\"' before the end of the input");
            }

            if (c == '"')
            {
                if (Peek() != '"')
                {
                    break;
                }

                Next();
            }

            Append((char)c, startLine, startColumn);
        }

        var after = Peek();
        if (after != _options.Delimiter && after is not ('\r' or '\n' or EndOfInput))
        {
            throw Error(_source.Line, _source.Column, $"unexpected '{(char)after}' after the closing quote of a field; expected '{_options.Delimiter}' or the end of the line");
        }

        return _field.ToString();
    }

    private string ReadPlainField()
    {
        var (startLine, startColumn) = (_source.Line, _source.Column);
        _field.Clear();
        while (true)
        {
            var c = Peek();
            if (c == _options.Delimiter || c is '\r' or '\n' or EndOfInput)
            {
                return _field.ToString();
            }

            if (c == '"')
            {
                throw Error(_source.Line, _source.Column, "'\"' inside an unquoted field; expected the whole field in quotes with the quote doubled (\"\")");
            }

            Next();
            Append((char)c, startLine, startColumn);
        }
    }

    private void Append(char c, long startLine, int startColumn)
    {
        if (_field.Length >= _options.MaxFieldLength)
        {
            throw Error(startLine, startColumn, $"field longer than {_options.MaxFieldLength} characters (CsvReadOptions.MaxFieldLength); expected a shorter field or a closing quote");
        }

        _field.Append(c);
    }

    private void ConsumeLineBreak()
    {
        if (Peek() == '\r')
        {
            Next();
        }

        if (Peek() == '\n')
        {
            Next();
        }
    }

    private int Peek() => _source.Peek();

    private int Next() => _source.Next();

    private DataFormatException Error(long line, long? column, string detail) => _source.Error(line, column, detail);
}
