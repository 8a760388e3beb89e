using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class DatasetSchemaTests
{
    private static DataFrame Sample() => CsvReader.Parse("size,color,ok,label\n1.5,red,true,a\n3,blue,false,b\nNA,red,true,c\n");

    [Fact]
    public void Infer_SampleFrame_TakesKindsNullabilityAndDomains()
    {
        var schema = DatasetSchema.Infer(Sample(), "label");

        Assert.Equal(1, schema.Version);
        Assert.Equal("label", schema.Target);
        Assert.Equal(TaskKind.MulticlassClassification, schema.Task);
        Assert.Equal(new ColumnSchema("size", ColumnKind.Numeric, true, 1.5, 3), schema.Columns[0]);
        Assert.Equal(["blue", "red"], schema.Columns[1].Categories);
        Assert.False(schema.Columns[1].Nullable);
        Assert.Equal(ColumnKind.Boolean, schema.Columns[2].Kind);
    }

    [Theory]
    [InlineData("y\n1\n0\n1\n", TaskKind.BinaryClassification)]
    [InlineData("y\n1.5\n0\n7\n", TaskKind.Regression)]
    [InlineData("y\nyes\nno\n", TaskKind.BinaryClassification)]
    [InlineData("y\ntrue\nfalse\n", TaskKind.BinaryClassification)]
    [InlineData("y\na\nb\nc\n", TaskKind.MulticlassClassification)]
    public void Infer_Target_InfersTask(string csv, TaskKind expected)
    {
        Assert.Equal(expected, DatasetSchema.Infer(CsvReader.Parse(csv), "y").Task);
    }

    [Fact]
    public void Infer_UnknownTarget_ListsColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetSchema.Infer(Sample(), "species"));

        Assert.StartsWith("target: the data has no column 'species'; expected one of: size, color, ok, label.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Schema_HasDocumentedShape()
    {
        var schema = new DatasetSchema(2, [new ColumnSchema("x", ColumnKind.Numeric, false, 0, 1.5), new ColumnSchema("y", ColumnKind.Categorical, true, Categories: ["b", "a"])], "y", TaskKind.BinaryClassification);

        var json = schema.ToJson();

        Assert.Equal(
            "{\n  \"schemaVersion\": 1,\n  \"version\": 2,\n  \"contentHash\": \"" + schema.ContentHash + "\",\n  \"target\": \"y\",\n  \"task\": \"binaryClassification\",\n" +
            "  \"columns\": [\n    {\n      \"name\": \"x\",\n      \"kind\": \"numeric\",\n      \"nullable\": false,\n      \"min\": 0,\n      \"max\": 1.5\n    },\n" +
            "    {\n      \"name\": \"y\",\n      \"kind\": \"categorical\",\n      \"nullable\": true,\n      \"categories\": [\n        \"a\",\n        \"b\"\n      ]\n    }\n  ]\n}\n",
            json);
        Assert.Matches("^sha256:[0-9a-f]{64}$", schema.ContentHash);
    }

    [Fact]
    public void FromJson_WrittenSchema_RoundTripsToSameBytes()
    {
        var schema = DatasetSchema.Infer(Sample(), "label");

        var json = schema.ToJson();
        var back = DatasetSchema.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Empty(schema.Compare(back));
        Assert.Equal(json, DatasetSchema.Infer(Sample(), "label").ToJson());
    }

    [Fact]
    public void ContentHash_OtherVersionSameContent_IsEqual()
    {
        var schema = DatasetSchema.Infer(Sample());

        Assert.Equal(schema.ContentHash, schema.WithVersion(7).ContentHash);
        Assert.NotEqual(schema.ContentHash, DatasetSchema.Infer(Sample(), "label").ContentHash);
    }

    public static TheoryData<string, string> BadJson => new()
    {
        { "{\"schemaVersion\": 1, \"version\": 1, \"columns\": [}", "<schema>:1:48: invalid JSON: '}' is an invalid start of a value." },
        { "[]", "<schema>: $: an array; expected an object" },
        { "{\"schemaVersion\": 2, \"version\": 1, \"columns\": []}", "<schema>: $.schemaVersion: 2 is not a supported format version; expected 1" },
        { "{\"schemaVersion\": 1, \"columns\": []}", "<schema>: $.version: missing; expected an integer" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"colums\": []}", "<schema>: $.colums: unknown property; expected one of: schemaVersion, version, contentHash, target, task, columns" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"columns\": [{\"name\": \"x\", \"kind\": \"text\", \"nullable\": true}]}", "<schema>: $.columns[0].kind: 'text' is not a column kind; expected numeric, categorical or boolean" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"columns\": [{\"name\": \"x\", \"kind\": \"numeric\", \"nullable\": \"yes\"}]}", "<schema>: $.columns[0].nullable: 'yes'; expected true or false" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"columns\": [{\"name\": \"x\", \"kind\": \"numeric\", \"nullable\": true, \"min\": 3, \"max\": 1}]}", "<schema>: $.columns[0].min: 3 is greater than max 1; expected min <= max" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"columns\": [{\"name\": \"x\", \"kind\": \"boolean\", \"nullable\": true, \"categories\": [\"a\"]}]}", "<schema>: $.columns[0].categories: only categorical columns have categories; expected no such property" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"target\": \"y\", \"task\": \"regression\", \"columns\": [{\"name\": \"x\", \"kind\": \"numeric\", \"nullable\": true}]}", "<schema>: $.target: 'y' is not one of the columns; expected one of: x" },
        { "{\"schemaVersion\": 1, \"version\": 1, \"contentHash\": \"sha256:00\", \"columns\": []}", "<schema>: $.contentHash: 'sha256:00' does not match the content" },
    };

    [Theory]
    [MemberData(nameof(BadJson))]
    public void FromJson_BadInput_NamesPathAndExpectation(string json, string expectedStart)
    {
        var error = Assert.Throws<DataFormatException>(() => DatasetSchema.FromJson(json));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ChangedFrame_ListsEveryDifference()
    {
        var pinned = DatasetSchema.Infer(Sample(), "label");
        var newer = CsvReader.Parse("size,color,extra,label\n1.5,green,1,a\n9,blue,2,b\n2,red,3,c\n");

        var differences = pinned.Compare(newer);

        Assert.Equal(
            [
                (SchemaDifferenceCode.NullableChanged, "size"),
                (SchemaDifferenceCode.RangeChanged, "size"),
                (SchemaDifferenceCode.CategoriesAdded, "color"),
                (SchemaDifferenceCode.ColumnRemoved, "ok"),
                (SchemaDifferenceCode.ColumnAdded, "extra"),
            ],
            differences.Select(d => (d.Code, d.Column!)));
        Assert.Equal("column 'size': range pinned [1.5, 3], now [1.5, 9]", differences[1].Message);
        Assert.Equal("column 'color': new categories 'green'", differences[2].Message);
    }

    [Fact]
    public void Compare_KindAndTargetChanged_ReportsBoth()
    {
        var pinned = DatasetSchema.Infer(CsvReader.Parse("x,y\n1,a\n2,b\n"), "y");
        var newer = DatasetSchema.Infer(CsvReader.Parse("x,y\na,1\nb,2\n"), "x");

        var codes = pinned.Compare(newer).Select(d => d.Code).ToArray();

        Assert.Equal([SchemaDifferenceCode.TargetChanged, SchemaDifferenceCode.KindChanged, SchemaDifferenceCode.KindChanged], codes);
    }

    [Fact]
    public void Compare_FrameWithoutTarget_ReportsRemovedTarget()
    {
        var pinned = DatasetSchema.Infer(CsvReader.Parse("x,y\n1,a\n2,b\n"), "y");

        var differences = pinned.Compare(CsvReader.Parse("x\n1\n2\n"));

        Assert.Equal([SchemaDifferenceCode.TargetChanged, SchemaDifferenceCode.TaskChanged, SchemaDifferenceCode.ColumnRemoved], differences.Select(d => d.Code));
        Assert.Equal("target: pinned 'y', now none", differences[0].Message);
    }
}
