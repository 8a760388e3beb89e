using System.Text;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class CsvRecordReaderTests
{
    // Input after the header line "a,b" -> expected records, fields joined with '|' and missing shown as <null>.
    public static TheoryData<string, string, string[]> Rfc4180Cases => new()
    {
        { "plain", "a,b\n1,2\n3,4\n", ["1|2", "3|4"] },
        { "CRLF line ends", "a,b\r\n1,2\r\n3,4\r\n", ["1|2", "3|4"] },
        { "no final line break", "a,b\n1,2\n3,4", ["1|2", "3|4"] },
        { "lone CR line ends", "a,b\r1,2\r3,4", ["1|2", "3|4"] },
        { "quoted field", "a,b\n\"x\",y\n", ["x|y"] },
        { "escaped quote", "a,b\n\"say \"\"hi\"\"\",2\n", ["say \"hi\"|2"] },
        { "only an escaped quote", "a,b\n\"\"\"\",2\n", ["\"|2"] },
        { "embedded delimiter", "a,b\n\"1,5\",2\n", ["1,5|2"] },
        { "embedded LF", "a,b\n\"line1\nline2\",2\n", ["line1\nline2|2"] },
        { "embedded CRLF", "a,b\r\n\"line1\r\nline2\",2\r\n", ["line1\r\nline2|2"] },
        { "empty fields are missing", "a,b\n,\n", ["<null>|<null>"] },
        { "quoted empty is missing", "a,b\n\"\",x\n", ["<null>|x"] },
        { "NA is missing", "a,b\nNA,na\n", ["<null>|na"] },
        { "spaces are kept", "a,b\n x , y\n", [" x | y"] },
        { "blank lines skipped", "a,b\n\n1,2\n\r\n\n3,4\n\n", ["1|2", "3|4"] },
        { "header only", "a,b\n", [] },
        { "UTF-8 text", "a,b\nZürich,東京\n", ["Zürich|東京"] },
    };

    [Theory]
    [MemberData(nameof(Rfc4180Cases))]
    public void TryRead_Rfc4180Case_ReadsExpectedFields(string name, string csv, string[] expected)
    {
        using var reader = CsvRecordReader.Create(new StringReader(csv));

        var records = reader.ReadAll().Select(r => string.Join("|", r.Values.Select(v => v ?? "<null>"))).ToArray();

        Assert.True(expected.SequenceEqual(records), $"{name}: got [{string.Join("; ", records)}]");
        Assert.Equal(["a", "b"], reader.Header);
    }

    [Fact]
    public void TryRead_MultiLineRecord_KeepsStartLineAndRowNumber()
    {
        using var reader = CsvRecordReader.Create(new StringReader("a,b\n\"x\ny\",1\n2,3\n"));

        var records = reader.ReadAll().ToArray();

        Assert.Equal([(1L, 2L), (2L, 4L)], records.Select(r => (r.RowNumber, r.LineNumber)));
    }

    [Fact]
    public void TryRead_SemicolonDelimiter_SplitsOnSemicolon()
    {
        using var reader = CsvRecordReader.Create(new StringReader("a;b\n1,5;2\n"), new CsvReadOptions { Delimiter = ';' });

        Assert.Equal(["1,5", "2"], reader.ReadAll().Single().Values);
    }

    [Fact]
    public void TryRead_CustomMissingTokens_MapToMissing()
    {
        var options = new CsvReadOptions { MissingTokens = ["?", "null"] };
        using var reader = CsvRecordReader.Create(new StringReader("a,b,c\n?,null,NA\n"), options);

        Assert.Equal([null, null, "NA"], reader.ReadAll().Single().Values);
    }

    // Each case: input, expected message (source "<text>", line and column, 1-based).
    public static TheoryData<string, string> ErrorCases => new()
    {
        { "a,b\n1,\"open\n2,3\n", "<text>:2:3: unterminated quoted field; expected a closing '\"' before the end of the input" },
        { "a,b\n1,2\n3,4,5\n", "<text>:3: wrong field count: expected 2 fields (as in the header), got 3" },
        { "a,b\n1,2\n3\n", "<text>:3: wrong field count: expected 2 fields (as in the header), got 1" },
        { "a,b\n\"x\"y,2\n", "<text>:2:4: unexpected 'y' after the closing quote of a field; expected ',' or the end of the line" },
        { "a,b\nx\"y,2\n", "<text>:2:2: '\"' inside an unquoted field; expected the whole field in quotes with the quote doubled (\"\")" },
        { "a,,c\n1,2,3\n", "<text>:1:3: header field 2 is empty; expected a column name" },
        { "a,b,a\n1,2,3\n", "<text>:1:5: header name 'a' (field 3) repeats field 1; expected unique column names" },
        { "", "<text>:1: the input is empty; expected a header line with column names" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void TryRead_MalformedInput_ThrowsWithLineAndColumn(string csv, string expected)
    {
        var error = Assert.Throws<DataFormatException>(() =>
        {
            using var reader = CsvRecordReader.Create(new StringReader(csv));
            _ = reader.ReadAll().ToArray();
        });

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void TryRead_FieldLongerThanLimit_ThrowsNamingTheSetting()
    {
        var options = new CsvReadOptions { MaxFieldLength = 5, MaxRecordLength = 100 };

        var error = Assert.Throws<DataFormatException>(() =>
        {
            using var reader = CsvRecordReader.Create(new StringReader("a,b\n1,\"123456\n"), options);
            _ = reader.ReadAll().ToArray();
        });

        Assert.Equal("<text>:2:3: field longer than 5 characters (CsvReadOptions.MaxFieldLength); expected a shorter field or a closing quote", error.Message);
    }

    [Fact]
    public void TryRead_RecordLongerThanLimit_ThrowsWithRecordLine()
    {
        var options = new CsvReadOptions { MaxFieldLength = 5, MaxRecordLength = 8 };

        var error = Assert.Throws<DataFormatException>(() =>
        {
            using var reader = CsvRecordReader.Create(new StringReader("a,b\n1,2\n12345,12345\n"), options);
            _ = reader.ReadAll().ToArray();
        });

        Assert.Equal(3, error.Line);
        Assert.Contains("record longer than 8 characters (CsvReadOptions.MaxRecordLength)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_StreamWithBom_StripsBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a,b\n1,2\n")).ToArray();
        using var reader = CsvRecordReader.Create(new MemoryStream(bytes), sourceName: "bom.csv");

        Assert.Equal(["a", "b"], reader.Header);
        Assert.Equal(["1", "2"], reader.ReadAll().Single().Values);
    }

    [Fact]
    public void Create_TextWithBomCharacter_StripsBom()
    {
        using var reader = CsvRecordReader.Create(new StringReader("\uFEFFa,b\n1,2\n"));

        Assert.Equal("a", reader.Header[0]);
    }

    [Fact]
    public void TryRead_InvalidUtf8_ThrowsAtTheBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n3,x").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("y\n")).ToArray();

        var error = Assert.Throws<DataFormatException>(() =>
        {
            using var reader = CsvRecordReader.Create(new MemoryStream(bytes), sourceName: "bad.csv");
            _ = reader.ReadAll().ToArray();
        });

        Assert.Equal("bad.csv:3:4: invalid UTF-8 byte sequence; expected UTF-8 encoded text", error.Message);
    }

    [Fact]
    public void Options_QuoteAsDelimiter_IsRejectedWithItsName()
    {
        var error = Assert.Throws<ArgumentException>(() => CsvRecordReader.Create(new StringReader("a\n"), new CsvReadOptions { Delimiter = '"' }));

        Assert.StartsWith("CsvReadOptions.Delimiter: '\"'", error.Message, StringComparison.Ordinal);
    }
}
