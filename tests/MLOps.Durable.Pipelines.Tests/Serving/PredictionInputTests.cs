using System.Text.Json;
using MLOps.Durable.ML.Data;
using MLOps.Durable.Pipelines.Serving;

namespace MLOps.Durable.Pipelines.Tests.Serving;

public sealed class PredictionInputTests
{
    private static readonly ServingColumn[] Columns =
    [
        new("tenure", ColumnKind.Numeric, Nullable: false),
        new("spend", ColumnKind.Numeric, Nullable: true),
        new("plan", ColumnKind.Categorical, Nullable: false),
        new("active", ColumnKind.Boolean, Nullable: false),
    ];

    [Fact]
    public void Read_GoodRows_BuildsTypedFrameAndLogsSchemaFieldsOnly()
    {
        var input = PredictionInput.Read(Columns, Rows("""[{"tenure": 3, "spend": null, "plan": "gold", "active": true, "churned": "yes"}, {"tenure": 1.5, "plan": "basic", "active": false}]"""), 100);

        Assert.Equal(2, input.Frame.RowCount);
        Assert.True(double.IsNaN(((NumericColumn)input.Frame["spend"])[1]));
        Assert.Equal("basic", ((CategoricalColumn)input.Frame["plan"])[1]);
        Assert.False(((BooleanColumn)input.Frame["active"])[1]);
        Assert.False(input.Frame.HasColumn("churned"));
        Assert.Equal("""{"tenure":3,"spend":null,"plan":"gold","active":true}""", input.InputsJson[0]);
    }

    [Fact]
    public void Read_BadFields_ThrowsListingEveryFieldWithExpectedAndGot()
    {
        var rows = Rows("""[{"tenure": "3", "plan": 7, "active": "yes"}, {"spend": 1, "plan": "gold", "active": true, "tenure": null}, [1, 2]]""");

        var error = Assert.Throws<InvalidPredictionInputException>(() => PredictionInput.Read(Columns, rows, 100));

        Assert.Equal(
        [
            "rows[0].tenure: expected a number, got text \"3\"",
            "rows[0].plan: expected text, got the number 7",
            "rows[0].active: expected true or false, got text \"yes\"",
            "rows[1].tenure: expected a number (the field is required), got null",
            "rows[2]: expected an object of field values, got an array",
        ], error.Errors);
        Assert.Equal(5, error.ErrorCount);
    }

    [Fact]
    public void Read_MissingRequiredField_SaysNothingWasGiven()
    {
        var error = Assert.Throws<InvalidPredictionInputException>(() => PredictionInput.Read(Columns, Rows("""[{"tenure": 1, "active": true}]"""), 100));

        Assert.Equal(["rows[0].plan: expected text (the field is required), got nothing"], error.Errors);
    }

    [Fact]
    public void Read_MoreErrorsThanReported_CutsListButCountsAll()
    {
        var rows = Rows("[" + string.Join(",", Enumerable.Repeat("{}", 10)) + "]");

        var error = Assert.Throws<InvalidPredictionInputException>(() => PredictionInput.Read(Columns, rows, 4));

        Assert.Equal(4, error.Errors.Count);
        Assert.Equal(30, error.ErrorCount);
        Assert.Contains("and 26 more", error.Message, StringComparison.Ordinal);
    }

    private static JsonElement[] Rows(string json) => [.. JsonDocument.Parse(json).RootElement.Clone().EnumerateArray()];
}
