using System.Text.RegularExpressions;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Drift;
using MLOps.Durable.Scheduling;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>
/// Reads <c>*.pipeline.yaml</c> files (format: workflows/pipeline.schema.json). Every problem is collected
/// with file:line:column, the field and what was expected, and thrown together as a
/// <see cref="PipelineDefinitionException"/>; a file with any error yields no definition.
/// </summary>
public static partial class PipelineDefinitionReader
{
    /// <summary>How deep mappings and sequences may nest (a definition needs four).</summary>
    public const int MaxNesting = 32;

    private static readonly string[] TopLevel = ["name", "description", "data", "train", "evaluate", "approve", "deploy", "monitor", "schedule"];
    private static readonly string[] DataFields = ["source", "target", "task", "schema", "validation"];
    private static readonly string[] ValidationFields = ["minRows", "missingWarning", "missingError", "duplicateWarning", "duplicateError", "imbalanceWarning", "imbalanceError", "strictDomains"];
    private static readonly string[] TrainFields = ["trainer", "hyperparameters", "sweep", "testFraction", "stratify", "seed"];
    private static readonly string[] EvaluateFields = ["metrics", "gates", "beatProductionBy"];
    private static readonly string[] ApproveFields = ["reviewers", "timeout", "onTimeout", "remindEvery", "autoApprove"];
    private static readonly string[] DeployFields = ["strategy", "canaryPercent", "promoteAfter"];
    private static readonly string[] MonitorFields = ["enabled", "every", "drift", "performance", "onDrift", "cooldown"];
    private static readonly string[] DriftFields = ["method", "pValue", "distance", "datasetShare", "columns"];

    /// <summary>The field names per section, for the JSON Schema consistency test and for documentation.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KnownFields { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [""] = TopLevel,
        ["data"] = DataFields,
        ["data.validation"] = ValidationFields,
        ["train"] = TrainFields,
        ["evaluate"] = EvaluateFields,
        ["approve"] = ApproveFields,
        ["deploy"] = DeployFields,
        ["monitor"] = MonitorFields,
        ["monitor.drift"] = DriftFields,
    };

    /// <summary>Reads and checks one file.</summary>
    /// <exception cref="PipelineDefinitionException">The file has errors (all of them are listed).</exception>
    public static PipelineDefinition ReadFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new PipelineDefinitionException([new DefinitionError(fullPath, 1, 1, "(file)", "not found")]);
        }

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>Reads a definition from text; <paramref name="file"/> names it in errors and anchors relative paths.</summary>
    /// <param name="yaml">The definition.</param>
    /// <param name="file">Where it is (or would be) stored.</param>
    /// <param name="filesUnder">
    /// When set (a definition from a remote caller), data and schema files must lie under this folder: a path that
    /// leaves it is an error and is not looked at, so the definition cannot probe the rest of the file system.
    /// </param>
    public static PipelineDefinition Parse(string yaml, string file, string? filesUnder = null)
    {
        var errors = new DefinitionErrors(file);
        var stream = new YamlStream();
        try
        {
            CheckNesting(yaml, errors);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            errors.Add((int)ex.Start.Line, (int)ex.Start.Column, "(yaml)", $"not valid YAML: {(ex.InnerException ?? ex).Message}");
            errors.ThrowIfAny();
        }

        if (stream.Documents.Count != 1)
        {
            errors.Add(1, 1, "(document)", stream.Documents.Count == 0 ? "the file is empty" : "expected one YAML document, found several");
            errors.ThrowIfAny();
        }

        var root = new YamlFields(stream.Documents[0].RootNode, string.Empty, errors, TopLevel);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var name = root.Parsed("name", text => NamePattern().IsMatch(text)
            ? (text, null)
            : ((string?)null, $"'{text}' is not a pipeline name; expected 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit"), required: true);
        var data = ReadData(root, errors, folder, filesUnder, out var task);
        var train = ReadTrain(root, errors, task);
        var evaluate = ReadEvaluate(root, errors, task);
        var approve = ReadApprove(root);
        var deploy = ReadDeploy(root);
        var monitor = ReadMonitor(root);
        var schedule = root.Parsed("schedule", text => CronSchedule.TryParse(text, out _, out var error)
            ? (text, null)
            : ((string?)null, $"'{text}' is not a six-field NCRONTAB schedule ({error}); e.g. '0 0 3 * * 1' for Mondays at 03:00"));

        errors.ThrowIfAny();
        return new PipelineDefinition(name!, root.String("description"), data!, train!, evaluate, approve, deploy, monitor, schedule, Path.GetFullPath(file));
    }

    private static DataSettings? ReadData(YamlFields root, DefinitionErrors errors, string folder, string? filesUnder, out TaskKind? task)
    {
        task = null;
        var data = root.Section("data", DataFields);
        if (data is null)
        {
            root.String("data", required: true);
            return null;
        }

        var source = data.String("source", required: true);
        if (source is not null && !IsUrl(source))
        {
            var resolved = Path.GetFullPath(Path.Combine(folder, source));
            if (Outside(resolved, filesUnder))
            {
                errors.Add(data.Node("source")!, data.Path("source"), OutsideMessage(source, filesUnder!));
                source = null;
            }
            else if (!File.Exists(resolved))
            {
                errors.Add(data.Node("source")!, data.Path("source"), $"file '{source}' not found (looked at {resolved}); expected a CSV path relative to the definition or an http(s) URL");
            }
            else
            {
                source = resolved;
            }
        }

        var target = data.String("target", required: true);
        task = data.Parsed<TaskKind?>("task", text => text.ToLowerInvariant() switch
        {
            "binary" => (TaskKind.BinaryClassification, null),
            "multiclass" => (TaskKind.MulticlassClassification, null),
            "regression" => (TaskKind.Regression, null),
            _ => (null, $"'{text}' is not a task; expected binary, multiclass or regression"),
        });
        var schema = data.String("schema");
        string? schemaFile = null;
        if (schema is not null && !string.Equals(schema, "infer", StringComparison.OrdinalIgnoreCase))
        {
            schemaFile = Path.GetFullPath(Path.Combine(folder, schema));
            if (Outside(schemaFile, filesUnder))
            {
                errors.Add(data.Node("schema")!, data.Path("schema"), OutsideMessage(schema, filesUnder!));
            }
            else
            {
                try
                {
                    var pinned = DatasetSchema.Load(schemaFile);
                    if (target is not null && pinned.FindColumn(target) is null)
                    {
                        errors.Add(data.Node("schema")!, data.Path("schema"), $"the schema has no column '{target}' (the target)");
                    }
                }
                catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
                {
                    errors.Add(data.Node("schema")!, data.Path("schema"), $"'infer' or a schema JSON file was expected; {ex.Message}");
                }
            }
        }

        var limits = ReadValidation(data.Section("validation", ValidationFields));
        return source is null || target is null ? null : new DataSettings(source, target, task, schemaFile, limits);
    }

    /// <summary>
    /// Walks the YAML's events (iteratively) and stops at the first collection nested deeper than
    /// <see cref="MaxNesting"/>: building the node tree recurses per level, so thousands of levels would overflow the
    /// stack and take the whole process down.
    /// </summary>
    private static void CheckNesting(string yaml, DefinitionErrors errors)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > MaxNesting:
                    errors.Add((int)parser.Current.Start.Line, (int)parser.Current.Start.Column, "(yaml)", $"nested deeper than {MaxNesting} levels");
                    errors.ThrowIfAny();
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> (full) lies outside <paramref name="folder"/>; never when no folder confines it.</summary>
    private static bool Outside(string path, string? folder)
    {
        if (folder is null)
        {
            return false;
        }

        var relative = Path.GetRelativePath(Path.GetFullPath(folder), path);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
    }

    private static string OutsideMessage(string path, string folder) =>
        $"'{path}' is outside {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}/; a definition sent to the host may name files under that folder or an http(s) URL";

    private static ValidationLimits ReadValidation(YamlFields? section)
    {
        var defaults = ValidationLimits.Default;
        if (section is null)
        {
            return defaults;
        }

        return new ValidationLimits
        {
            MinRows = section.Integer("minRows", 1) ?? defaults.MinRows,
            MissingFractionWarning = section.Number("missingWarning", 0, 1) ?? defaults.MissingFractionWarning,
            MissingFractionError = section.Number("missingError", 0, 1) ?? defaults.MissingFractionError,
            DuplicateRowFractionWarning = section.Number("duplicateWarning", 0, 1) ?? defaults.DuplicateRowFractionWarning,
            DuplicateRowFractionError = section.Number("duplicateError", 0, 1) ?? defaults.DuplicateRowFractionError,
            LabelImbalanceRatioWarning = section.Number("imbalanceWarning", 1) ?? defaults.LabelImbalanceRatioWarning,
            LabelImbalanceRatioError = section.Number("imbalanceError", 1) ?? defaults.LabelImbalanceRatioError,
            StrictDomains = section.Boolean("strictDomains") ?? defaults.StrictDomains,
        };
    }

    private static bool IsUrl(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
