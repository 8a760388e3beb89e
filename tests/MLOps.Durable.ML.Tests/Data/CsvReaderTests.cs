using System.Globalization;
using System.Text;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class CsvReaderTests
{
    [Theory]
    [InlineData("1\n2.5\n-3e2\n", ColumnKind.Numeric)]
    [InlineData("1\nNA\n\n 4 \n", ColumnKind.Numeric)]
    [InlineData("true\nFALSE\nTrue\n", ColumnKind.Boolean)]
    [InlineData("true\n1\n", ColumnKind.Categorical)]
    [InlineData("1\n1,5\n", ColumnKind.Categorical)]
    [InlineData("1\nInfinity\n", ColumnKind.Categorical)]
    [InlineData("NA\n\n", ColumnKind.Numeric)]
    [InlineData("a\nb\n", ColumnKind.Categorical)]
    public void Parse_Values_InfersKind(string values, ColumnKind expected)
    {
        var text = "x\n" + string.Join("\n", values.Split('\n').Select(v => v.Contains(',', StringComparison.Ordinal) ? $"\"{v}\"" : v));

        var frame = CsvReader.Parse(text);

        Assert.Equal(expected, frame["x"].Kind);
    }

    [Fact]
    public void Parse_MixedColumns_ConvertsValuesAndMissing()
    {
        var frame = CsvReader.Parse("n,c,b\n1.5,red,true\nNA,,false\n-2,\"blue, dark\",\n");

        var n = Assert.IsType<NumericColumn>(frame["n"]);
        var c = Assert.IsType<CategoricalColumn>(frame["c"]);
        var b = Assert.IsType<BooleanColumn>(frame["b"]);
        Assert.Equal(3, frame.RowCount);
        Assert.Equal(1.5, n[0]);
        Assert.True(double.IsNaN(n[1]));
        Assert.Equal(-2, n[2]);
        Assert.Equal(new string?[] { "red", null, "blue, dark" }, c.Values.ToArray());
        Assert.Equal([true, false, null], b.Values.ToArray());
    }

    [Fact]
    public void Parse_UnderGermanCulture_StillReadsInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var frame = CsvReader.Parse("x\n1.5\n2\n");

            Assert.Equal(1.5, ((NumericColumn)frame["x"])[0]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Parse_ForcedCategorical_KeepsNumericLookingText()
    {
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical } };

        var frame = CsvReader.Parse("zip,n\n01234,1\n99999,2\n", options);

        Assert.Equal(new string?[] { "01234", "99999" }, ((CategoricalColumn)frame["zip"]).Values.ToArray());
        Assert.Equal(ColumnKind.Numeric, frame["n"].Kind);
    }

    [Fact]
    public void Parse_ForcedNumericWithBadValue_ThrowsWithPlaceAndValue()
    {
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["y"] = ColumnKind.Numeric } };

        var error = Assert.Throws<DataFormatException>(() => CsvReader.Parse("x,y\n1,2\n3,abc\n", options, "data.csv"));

        Assert.Equal(
            "data.csv:3:3: column 'y' (row 2): 'abc' is not a number; expected a finite number in invariant format such as 3.25 or -1e-3",
            error.Message);
    }

    [Fact]
    public void Parse_ForcedNumericWithBadValueKeepText_KeepsRawTextColumn()
    {
        var options = new CsvReadOptions
        {
            ColumnKinds = new Dictionary<string, ColumnKind> { ["y"] = ColumnKind.Numeric },
            InvalidValues = InvalidValueHandling.KeepText,
        };

        var frame = CsvReader.Parse("x,y\n1,2\n3,abc\n", options);

        Assert.Equal(new string?[] { "2", "abc" }, ((CategoricalColumn)frame["y"]).Values.ToArray());
    }

    [Fact]
    public void Read_Stream_ReadsUtf8WithBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("city,n\r\nZürich,1\r\n")).ToArray();

        var frame = CsvReader.Read(new MemoryStream(bytes));

        Assert.Equal("Zürich", frame["city"].FormatValue(0));
    }

    [Fact]
    public void ReadFile_MissingHeaderName_NamesFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"csv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a,\n1,2\n");
        try
        {
            var error = Assert.Throws<DataFormatException>(() => CsvReader.ReadFile(path));

            Assert.Equal($"{Path.GetFileName(path)}:1:3: header field 2 is empty; expected a column name", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadBatches_KindsFromFirstBatch_AreKeptForLaterBatches()
    {
        using var records = CsvRecordReader.Create(new StringReader("x,y\n1,a\n2,b\n3,c\n"));

        var batches = CsvReader.ReadBatches(records, 2).ToArray();

        Assert.Equal([2, 1], batches.Select(b => b.RowCount));
        Assert.All(batches, b => Assert.Equal(ColumnKind.Numeric, b["x"].Kind));
        Assert.Equal("c", batches[1]["y"].FormatValue(0));
    }

    [Fact]
    public void ReadBatches_LaterValueDoesNotFitFirstBatchKind_Throws()
    {
        using var records = CsvRecordReader.Create(new StringReader("x\n1\n2\nthree\n"));

        var error = Assert.Throws<DataFormatException>(() => CsvReader.ReadBatches(records, 2).ToArray());

        Assert.Equal(4, error.Line);
    }
}
