using System.CommandLine;
using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Input;
using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli.Commands;

/// <summary><c>mlops predict &lt;model&gt; --input rows.csv|rows.json</c>: <c>POST /api/models/{name}/predict</c>, one answer per row.</summary>
internal static class PredictCommand
{
    public static Command Create(GlobalOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model's name" };
        var input = new Option<string>("--input", "-i") { Description = "Rows to score: a .csv file with a header, or a .json array of objects", HelpName = "file", Required = true };
        var routing = new Option<string?>("--routing-key") { Description = "Keeps these rows on one version when a canary takes part of the traffic", HelpName = "key" };
        var command = new Command("predict", "Score rows with the model's production (or canary) version") { model, input, routing };
        return command.WithHandler(options, async (context, ct) =>
        {
            var name = context.Value(model);
            var rows = PredictionRows.Read(context.Value(input)!);
            var body = new JsonObject { ["rows"] = rows };
            if (context.Value(routing) is { } key)
            {
                body["key"] = key;
            }

            var answer = await context.Api.PostAsync(MlopsApiClient.Path(["models", name, "predict"]), body, ct).ConfigureAwait(false);
            if (context.Output.Json)
            {
                context.Output.WriteJson(answer);
                return ExitCodes.Ok;
            }

            var predictions = answer.Items("predictions").ToList();
            context.Output.Line($"model {answer.Text("model")} v{answer.Text("version")} ({answer.Text("alias")}), routing key {answer.Text("key")}: {predictions.Count} prediction{(predictions.Count == 1 ? string.Empty : "s")}");
            var classification = predictions.Any(p => p["label"] is not null);
            var table = classification ? new TableView("row", "label", "probability", "prediction id") : new TableView("row", "value", "prediction id");
            for (var i = 0; i < predictions.Count; i++)
            {
                var p = predictions[i];
                var row = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (classification)
                {
                    var label = p.String("label");
                    var probability = label is null ? null : p["probabilities"].Number(label);
                    table.Add(row, label, probability is { } value ? JsonAccess.Format(value) : string.Empty, p.Text("predictionId"));
                }
                else
                {
                    table.Add(row, p.Text("value"), p.Text("predictionId"));
                }
            }

            context.Output.Table(table);
            return ExitCodes.Ok;
        });
    }
}
