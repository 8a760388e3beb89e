namespace MLOps.Durable.ML.Data;

/// <summary>
/// The characters under <see cref="CsvRecordReader"/>: buffered reads, the current line and column, the record
/// length guard, and the stop at an invalid UTF-8 sequence.
/// </summary>
internal sealed class CsvCharSource(TextReader reader, Utf8SentinelFallback? utf8, string sourceName, int maxRecordLength)
{
    /// <summary>What <see cref="Peek"/> and <see cref="Next"/> return at the end of the input.</summary>
    public const int EndOfInput = -1;

    private readonly char[] _buffer = new char[16 * 1024];
    private int _position;
    private int _length;
    private bool _afterCarriageReturn;
    private long _recordLength;
    private long _recordLine = 1;

    /// <summary>The 1-based line of the next character.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>The 1-based column (in UTF-16 characters) of the next character.</summary>
    public int Column { get; private set; } = 1;

    /// <summary>Starts counting a new record's length from here.</summary>
    public void BeginRecord()
    {
        _recordLength = 0;
        _recordLine = Line;
    }

    /// <summary>Skips a byte order mark at the very start (decoders and callers may leave one in).</summary>
    public void SkipByteOrderMark()
    {
        if (Peek() == '\uFEFF')
        {
            Next();
            Column = 1;
        }
    }

    public int Peek()
    {
        if (_position == _length && !Fill())
        {
            return EndOfInput;
        }

        var c = _buffer[_position];
        if (c == Utf8SentinelFallback.Sentinel && utf8 is { InvalidSequences: > 0 })
        {
            throw Error(Line, Column, "invalid UTF-8 byte sequence; expected UTF-8 encoded text");
        }

        return c;
    }

    public int Next()
    {
        var c = Peek();
        if (c == EndOfInput)
        {
            return c;
        }

        _position++;
        if (++_recordLength > maxRecordLength)
        {
            throw Error(_recordLine, null, $"record longer than {maxRecordLength} characters (CsvReadOptions.MaxRecordLength); expected shorter lines or a closing quote");
        }

        // CR, LF and CRLF each end one line; the LF of a CRLF does not count again.
        if (c == '\n')
        {
            if (!_afterCarriageReturn)
            {
                Line++;
            }

            Column = 1;
            _afterCarriageReturn = false;
        }
        else if (c == '\r')
        {
            Line++;
            Column = 1;
            _afterCarriageReturn = true;
        }
        else
        {
            Column++;
            _afterCarriageReturn = false;
        }

        return c;
    }

    public DataFormatException Error(long line, long? column, string detail) => new(sourceName, line, column, detail);

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
