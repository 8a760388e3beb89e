using System.CommandLine;
using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Output;
using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Cli.Commands;

/// <summary>
/// <c>mlops pipelines list</c> (the host's loaded pipelines and the files it could not load) and
/// <c>mlops pipelines validate &lt;file&gt;...</c>, checked here with the host's own reader: no host or key needed,
/// and data paths resolve next to the file as they will on the host.
/// </summary>
internal static class PipelineCommands
{
    public static Command Create(GlobalOptions options)
    {
        var list = new Command("list", "The pipelines the host loaded from workflows/*.pipeline.yaml, and why others were not loaded")
            .WithHandler(options, ListAsync);

        var files = new Argument<string[]>("file") { Description = "Pipeline definitions (*.pipeline.yaml)", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check pipeline definitions locally; errors as file:line:column: field: message (exit 1 when any is invalid)") { files };
        validate.WithHandler(options, (context, _) => Task.FromResult(Validate(context, context.Value(files))));

        return new Command("pipelines", "Pipeline definitions") { list, validate };
    }

    private static async Task<int> ListAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var answer = await context.Api.GetAsync(MlopsApiClient.Path(["pipelines"]), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(answer);
            return ExitCodes.Ok;
        }

        var table = new TableView("name", "task", "trainer", "candidates", "approval", "schedule", "file");
        foreach (var p in answer.Items("pipelines"))
        {
            table.Add(p.Text("name"), p.Text("task"), p.Text("trainer"), p.Text("candidates"), p.Flag("approval") ? "reviewers" : "auto", p.Text("schedule"), p.Text("file"));
        }

        context.Output.Table(table);
        foreach (var error in answer.Items("errors"))
        {
            context.Output.Line($"not loaded: {error.Text("text")}", "yellow");
        }

        return ExitCodes.Ok;
    }

    private static int Validate(CommandContext context, IReadOnlyList<string> paths)
    {
        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            throw new UsageException($"pipelines validate: '{missing}' does not exist (looked at {Path.GetFullPath(missing)})");
        }

        var results = new JsonArray();
        var allValid = true;
        foreach (var path in paths)
        {
            var (definition, errors) = Read(path);
            allValid &= definition is not null;
            results.Add(new JsonObject
            {
                ["file"] = path,
                ["valid"] = definition is not null,
                ["pipeline"] = definition?.Name,
                ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
                {
                    ["file"] = path,
                    ["line"] = e.Line,
                    ["column"] = e.Column,
                    ["field"] = e.Field,
                    ["message"] = e.Message,
                    ["text"] = Describe(path, e),
                })]),
            });
            if (context.Output.Json)
            {
                continue;
            }

            if (definition is not null)
            {
                var candidates = definition.Train.Candidates().Count;
                var approval = definition.Approve.Required ? "approval by " + string.Join(" or ", definition.Approve.Reviewers) : "approved automatically";
                context.Output.Line($"{path}: valid: pipeline '{definition.Name}' ({TrainerCatalog.Name(definition.Train.Trainer)}, {candidates} candidate{(candidates == 1 ? string.Empty : "s")}, {approval})", "green");
            }
            else
            {
                foreach (var error in errors)
                {
                    Console.Error.WriteLine(Describe(path, error));
                }
            }
        }

        if (context.Output.Json)
        {
            context.Output.WriteJson(new JsonObject { ["valid"] = allValid, ["files"] = results });
        }

        return allValid ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static (PipelineDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Read(string path)
    {
        try
        {
            return (PipelineDefinitionReader.ReadFile(path), []);
        }
        catch (PipelineDefinitionException ex)
        {
            return (null, ex.Errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"pipelines validate: cannot read '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The error as file:line:column: field: message, with the file as the user named it.</summary>
    private static string Describe(string path, DefinitionError error) => $"{path}:{error.Line}:{error.Column}: {error.Field}: {error.Message}";
}
