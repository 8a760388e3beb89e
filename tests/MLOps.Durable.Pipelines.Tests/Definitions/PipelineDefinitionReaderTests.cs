using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Tests.Definitions;

public sealed class PipelineDefinitionReaderTests
{
    private const string File = "/defs/churn.pipeline.yaml";

    private static readonly string Minimal = """
        name: churn
        data:
          source: https://example.blob.core.windows.net/data/churn.csv
          target: churned
        train:
          trainer: gbdt
        """;

    [Fact]
    public void Parse_Minimal_FillsDefaults()
    {
        var pipeline = PipelineDefinitionReader.Parse(Minimal, File);

        Assert.True(pipeline.Data.IsRemote);
        Assert.Null(pipeline.Data.Task);
        Assert.Equal(0.2, pipeline.Train.TestFraction);
        Assert.Equal(42, pipeline.Train.Seed);
        Assert.Single(pipeline.Train.Candidates());
        Assert.False(pipeline.Approve.Required);
        Assert.Equal(TimeoutAction.Reject, pipeline.Approve.OnTimeout);
        Assert.Equal(DeployStrategy.Direct, pipeline.Deploy.Strategy);
        Assert.True(pipeline.Monitor.Enabled);
        Assert.Equal(TimeSpan.FromHours(1), pipeline.Monitor.Every);
        Assert.Null(pipeline.Schedule);
    }

    [Theory]
    [InlineData("train:\n  trainer: gbdt\n  trainr: x", "7:3: train.trainr: unknown field; expected one of trainer, hyperparameters, sweep, testFraction, stratify, seed")]
    [InlineData("approve:\n  timeout: 3 dayz", "8:12: approve.timeout: '3 dayz' is not a duration (e.g. 72h, 30m, 1d12h)")]
    [InlineData("approve:\n  onTimeout: ignore", "8:14: approve.onTimeout: 'ignore' is not one of reject, approve, escalate")]
    [InlineData("evaluate:\n  gates: [auc >= 0.97]", "8:11: evaluate.gates: 'auc' is not a metric; expected one of accuracy, precision, recall, f1, rocAuc, prAuc, logLoss, rmse, mae, r2")]
    [InlineData("evaluate:\n  gates: [rocAuc => 0.97]", "8:11: evaluate.gates: 'rocAuc => 0.97' is not a gate; expected 'metric op number'")]
    [InlineData("deploy:\n  canaryPercent: 150", "8:18: deploy.canaryPercent: 150 is out of range; expected a whole number from 1 to 99")]
    [InlineData("schedule: '0 0 3 * *'", "7:11: schedule: '0 0 3 * *' is not a six-field NCRONTAB schedule")]
    [InlineData("monitor:\n  drift:\n    method: kss", "9:13: monitor.drift.method: 'kss' is not a drift method; expected auto, ks, chiSquare, zTest, wasserstein, jensenShannon, psi")]
    [InlineData("monitor:\n  onDrift: panic", "8:12: monitor.onDrift: 'panic' is not one of notify, retrain")]
    public void Parse_BadValue_NamesFileLineColumnFieldAndExpectation(string extra, string expected)
    {
        var yaml = Minimal.Replace("train:\n  trainer: gbdt", "", StringComparison.Ordinal).TrimEnd() + "\n" + (extra.StartsWith("train:", StringComparison.Ordinal) ? extra : "train:\n  trainer: gbdt\n" + extra);

        var error = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File));

        Assert.Contains($"{File}:{expected}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(33, false)]
    [InlineData(200_000, false)]
    [InlineData(32, true)]
    public void Parse_NestingDepth_IsCappedBeforeTheTreeIsBuilt(int depth, bool allowed)
    {
        // 200,000 levels overflowed the stack (and killed the host) when YamlDotNet built its node tree.
        var yaml = Minimal + "\ndescription: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n";

        var errors = Record.Exception(() => PipelineDefinitionReader.Parse(yaml, File)) is PipelineDefinitionException ex ? ex.Errors : [];

        Assert.Equal(!allowed, errors.Any(e => e.Message == $"nested deeper than {PipelineDefinitionReader.MaxNesting} levels"));
    }

    [Fact]
    public void Parse_FilesUnder_RefusesDataAndSchemaOutsideWithoutLookingAtThem()
    {
        var folder = Path.GetDirectoryName(File)!;
        var yaml = Minimal.Replace("train:", "  schema: ../../etc/hostname\ntrain:", StringComparison.Ordinal);
        yaml = yaml.Replace("https://example.blob.core.windows.net/data/churn.csv", "/etc/passwd", StringComparison.Ordinal);

        var errors = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File, filesUnder: folder)).Errors;

        Assert.Equal(["data.source", "data.schema"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Contains($"is outside {Path.GetFileName(folder)}/", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HyperparameterProblems_AreCheckedAgainstTheTrainer()
    {
        var yaml = Minimal + """

              hyperparameters:
                trees: many
                learningRate: 0
                depth: 3
              sweep:
                maxLeaves: [15, 1]
            """;

        var errors = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File)).Errors;

        Assert.Collection(
            errors,
            e => Assert.Equal("8:12: train.hyperparameters.trees: 'many' is not a whole number", $"{e.Line}:{e.Column}: {e.Field}: {e.Message}"),
            e => Assert.StartsWith("9:19: train.hyperparameters.learningRate: LearningRate must be in (0, 1]", $"{e.Line}:{e.Column}: {e.Field}: {e.Message}", StringComparison.Ordinal),
            e => Assert.StartsWith("10:5: train.hyperparameters.depth: 'depth' is not a gbdt hyperparameter; expected one of trees, learningRate", $"{e.Line}:{e.Column}: {e.Field}: {e.Message}", StringComparison.Ordinal),
            e => Assert.StartsWith("12:21: train.sweep.maxLeaves: MaxLeaves must be at least 2", $"{e.Line}:{e.Column}: {e.Field}: {e.Message}", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReportedInFileOrder()
    {
        var yaml = """
            name: "bad name!"
            data:
              target: y
            train:
              trainer: logistic
            evaluate:
              metrics: [rmse]
            """.Replace("target: y", "target: y\n  task: binary", StringComparison.Ordinal);

        var errors = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File)).Errors;

        Assert.Equal(
            ["name", "data.source", "evaluate.metrics"],
            errors.Select(e => e.Field));
        Assert.Contains("'rmse' does not apply to a binary classification task", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrainerThatCannotLearnTheTask_IsRefused()
    {
        var yaml = Minimal.Replace("target: churned", "target: churned\n  task: regression", StringComparison.Ordinal).Replace("trainer: gbdt", "trainer: logistic", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File)).Errors);

        Assert.Equal("train.trainer", error.Field);
        Assert.Equal("logistic cannot learn a regression task", error.Message);
    }

    [Fact]
    public void Parse_MissingLocalDataFile_SaysWhereItLooked()
    {
        var yaml = Minimal.Replace("https://example.blob.core.windows.net/data/churn.csv", "data/missing.csv", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File)).Errors);

        Assert.Equal((3, 11, "data.source"), (error.Line, error.Column, error.Field));
        Assert.Contains("file 'data/missing.csv' not found (looked at /defs/data/missing.csv)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: [unclosed", "(yaml)")]
    [InlineData("", "(document)")]
    [InlineData("- just\n- a list", "(document)")]
    public void Parse_NotAMapping_OrNotYaml_IsOneClearError(string yaml, string field)
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(yaml, File)).Errors[0];

        Assert.Equal(field, error.Field);
        Assert.True(error.Line >= 1 && error.Column >= 1);
    }

    [Fact]
    public void Parse_DuplicateKey_IsReported()
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionReader.Parse(Minimal + "\nname: again", File)).Errors[0];

        Assert.Equal((7, 1), (error.Line, error.Column));
    }
}
