using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class DatasetValidatorTests
{
    private static readonly DatasetSchema Schema = new(
        3,
        [
            new ColumnSchema("age", ColumnKind.Numeric, Nullable: false, Min: 0, Max: 120),
            new ColumnSchema("city", ColumnKind.Categorical, Nullable: true, Categories: ["Bern", "Oslo"]),
            new ColumnSchema("member", ColumnKind.Boolean, Nullable: true),
            new ColumnSchema("label", ColumnKind.Categorical, Nullable: false, Categories: ["no", "yes"]),
        ],
        "label",
        TaskKind.BinaryClassification);

    private static ValidationReport ValidateCsv(string csv, ValidationLimits? limits = null) =>
        DatasetValidator.Validate(CsvReader.Parse(csv, CsvReadOptions.Default.WithSchema(Schema)), Schema, limits);

    [Fact]
    public void Validate_CleanData_IsValidWithoutFindings()
    {
        var report = ValidateCsv("age,city,member,label\n30,Bern,true,no\n40,Oslo,false,yes\n50,Oslo,true,no\n");

        Assert.True(report.IsValid);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Validate_BadNumbers_TypeMismatchWithRowNumbers()
    {
        var report = ValidateCsv("age,city,member,label\n30,Bern,true,no\nthirty,Oslo,false,yes\n40,Oslo,maybe,no\n1x,Bern,true,yes\n");

        var age = Assert.Single(report.WithCode(ValidationCode.TypeMismatch), f => f.Column == "age");
        Assert.Equal((FindingSeverity.Error, 2L), (age.Severity, age.Count));
        Assert.Equal([2, 4], age.ExampleRows);
        Assert.Equal("column 'age': 2 values are not numeric (e.g. 'thirty' in row 2); expected finite numbers in invariant format such as 3.25", age.Message);
        var member = Assert.Single(report.WithCode(ValidationCode.TypeMismatch), f => f.Column == "member");
        Assert.Equal([3], member.ExampleRows);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void Validate_MissingAndExtraColumns_ErrorAndWarning()
    {
        var report = ValidateCsv("age,city,label,note\n30,Bern,no,x\n40,Oslo,yes,y\n");

        var missing = Assert.Single(report.WithCode(ValidationCode.MissingColumn));
        Assert.Equal(("member", FindingSeverity.Error), (missing.Column, missing.Severity));
        var extra = Assert.Single(report.WithCode(ValidationCode.ExtraColumn));
        Assert.Equal(("note", FindingSeverity.Warning), (extra.Column, extra.Severity));
    }

    [Fact]
    public void Validate_NullInNonNullable_ErrorWithRows()
    {
        var report = ValidateCsv("age,city,member,label\n30,Bern,true,no\nNA,Oslo,false,yes\n40,Oslo,true,no\n,Oslo,true,yes\n");

        var finding = Assert.Single(report.WithCode(ValidationCode.NullInNonNullable));
        Assert.Equal(("age", FindingSeverity.Error, 2L), (finding.Column, finding.Severity, finding.Count));
        Assert.Equal([2, 4], finding.ExampleRows);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, FindingSeverity.Warning)]
    [InlineData(4, FindingSeverity.Error)]
    public void Validate_MissingFraction_WarnsThenFailsOverLimits(int missingRows, FindingSeverity? expected)
    {
        var rows = Enumerable.Range(0, 6).Select(i => $"{i},{(i < missingRows ? "" : "Bern")},true,{(i % 2 == 0 ? "no" : "yes")}");
        var limits = new ValidationLimits { MissingFractionWarning = 0.2, MissingFractionError = 0.5 };

        var report = ValidateCsv("age,city,member,label\n" + string.Join("\n", rows), limits);

        var finding = report.WithCode(ValidationCode.TooManyMissing).SingleOrDefault();
        Assert.Equal(expected, finding?.Severity);
    }

    [Fact]
    public void Validate_OutOfRangeAndUnseenCategory_WarningsUnlessStrict()
    {
        const string Csv = "age,city,member,label\n130,Rome,true,no\n-1,Oslo,false,yes\n40,Rome,true,maybe\n";

        var report = ValidateCsv(Csv);
        var strict = ValidateCsv(Csv, new ValidationLimits { StrictDomains = true });

        var range = Assert.Single(report.WithCode(ValidationCode.OutOfRange));
        Assert.Equal(("age", FindingSeverity.Warning, 2L), (range.Column, range.Severity, range.Count));
        Assert.Equal([1, 2], range.ExampleRows);
        Assert.Equal("column 'age': 2 values outside [0, 120] (e.g. 130 in row 1); expected values within the schema's range", range.Message);
        var unseen = report.WithCode(ValidationCode.UnseenCategory).ToArray();
        Assert.Equal(["city", "label"], unseen.Select(f => f.Column));
        Assert.Equal([1, 3], unseen[0].ExampleRows);
        Assert.True(report.IsValid);
        Assert.False(strict.IsValid);
    }

    [Fact]
    public void Validate_ConstantColumn_Warning()
    {
        var report = ValidateCsv("age,city,member,label\n30,Bern,true,no\n40,Bern,false,yes\n");

        var finding = Assert.Single(report.WithCode(ValidationCode.ConstantColumn));
        Assert.Equal(("city", FindingSeverity.Warning), (finding.Column, finding.Severity));
    }

    [Theory]
    [InlineData(0.1, 0.5, FindingSeverity.Warning)]
    [InlineData(0.1, 0.2, FindingSeverity.Error)]
    public void Validate_DuplicateRows_CountsLaterCopies(double warn, double error, FindingSeverity expected)
    {
        var limits = new ValidationLimits { DuplicateRowFractionWarning = warn, DuplicateRowFractionError = error };

        var report = ValidateCsv("age,city,member,label\n30,Bern,true,no\n40,Oslo,false,yes\n30,Bern,true,no\n50,Oslo,true,yes\n30,Bern,true,no\n", limits);

        var finding = Assert.Single(report.WithCode(ValidationCode.DuplicateRows));
        Assert.Equal((expected, 2L), (finding.Severity, finding.Count));
        Assert.Equal([3, 5], finding.ExampleRows);
        Assert.Contains("e.g. row 3 repeats row 1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ImbalancedLabels_WarningNamesBothClasses()
    {
        var rows = Enumerable.Range(0, 12).Select(i => $"{i},{(i % 2 == 0 ? "Bern" : "Oslo")},true,{(i == 0 ? "yes" : "no")}");

        var report = ValidateCsv("age,city,member,label\n" + string.Join("\n", rows));

        var finding = Assert.Single(report.WithCode(ValidationCode.LabelImbalance));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal("column 'label': class 'no' has 11 rows and class 'yes' 1 (ratio 11); expected a ratio of at most 10", finding.Message);
    }

    [Fact]
    public void Validate_TooFewRows_Error()
    {
        var report = ValidateCsv("age,city,member,label\n", new ValidationLimits { MinRows = 1 });

        Assert.Equal(FindingSeverity.Error, Assert.Single(report.WithCode(ValidationCode.TooFewRows)).Severity);
    }

    [Fact]
    public void ToJsonAndToText_Report_DescribeFindings()
    {
        var report = ValidateCsv("age,city,member,label\n30,Bern,true,no\nx,Oslo,false,yes\n");

        var json = report.ToJson();
        var text = report.ToText();

        Assert.StartsWith("{\n  \"isValid\": false,\n  \"rowCount\": 2,\n  \"schemaVersion\": 3,\n  \"errorCount\": 1,\n  \"warningCount\": 0,", json, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"typeMismatch\",\n      \"severity\": \"error\",\n      \"column\": \"age\",\n      \"count\": 1,\n      \"exampleRows\": [\n        2\n      ],", json, StringComparison.Ordinal);
        Assert.Equal(
            "INVALID: 2 rows against schema version 3: 1 errors, 0 warnings\n" +
            "error   typeMismatch: column 'age': 1 values are not numeric (e.g. 'x' in row 2); expected finite numbers in invariant format such as 3.25 [rows 2]\n",
            text);
    }

    [Fact]
    public void Limits_ErrorBelowWarning_IsRejectedWithItsName()
    {
        var limits = new ValidationLimits { MissingFractionWarning = 0.3, MissingFractionError = 0.1 };

        var error = Assert.Throws<ArgumentException>(() => DatasetValidator.Validate(new DataFrame([]), Schema, limits));

        Assert.Equal("ValidationLimits.MissingFractionError: 0.1; expected at least MissingFractionWarning (0.3).", error.Message);
    }

    [Fact]
    public void ValidateFile_BadValueInNumericColumn_ReportedNotThrown()
    {
        var path = Path.Combine(Path.GetTempPath(), $"validate-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "age,city,member,label\n30,Bern,true,no\n40,Oslo,false,yes\n?,Oslo,true,no\n");
        try
        {
            var report = DatasetValidator.ValidateFile(path, Schema);

            var finding = Assert.Single(report.Findings);
            Assert.Equal((ValidationCode.TypeMismatch, "age"), (finding.Code, finding.Column));
            Assert.Equal([3], finding.ExampleRows);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
