using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace MLOps.Durable.Cli.Output;

/// <summary>
/// Where commands write: JSON documents with <c>--json</c>; Spectre tables and markup when stdout is a terminal;
/// plain lines when it is redirected (scripts and tests read it). Errors go to stderr as one line.
/// </summary>
internal sealed class CliOutput(bool json, bool terminal)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Machine-readable output was asked for.</summary>
    public bool Json { get; } = json;

    /// <summary>Stdout is a terminal (and not JSON): draw tables and progress bars.</summary>
    public bool Rich { get; } = terminal && !json;

    /// <summary>Stdout is redirected, or not, as the process sees it.</summary>
    public static CliOutput ForConsole(bool json) => new(json, !Console.IsOutputRedirected);

    public void WriteJson(JsonNode? node) => Console.Out.WriteLine(node?.ToJsonString(Indented) ?? "null");

    /// <summary>A line of text; in a terminal, <paramref name="emphasis"/> (Spectre style, e.g. "green") colours it.</summary>
    public void Line(string text, string? emphasis = null)
    {
        if (Rich && emphasis is not null)
        {
            AnsiConsole.MarkupLine($"[{emphasis}]{Markup.Escape(text)}[/]");
        }
        else
        {
            Console.Out.WriteLine(text);
        }
    }

    public void Table(TableView table, string? title = null)
    {
        if (Rich)
        {
            var drawn = new Table().RoundedBorder();
            if (title is not null)
            {
                drawn.Title(Markup.Escape(title));
            }

            foreach (var header in table.Headers)
            {
                drawn.AddColumn(new TableColumn(Markup.Escape(header)));
            }

            foreach (var row in table.Rows)
            {
                drawn.AddRow([.. row.Select(Markup.Escape)]);
            }

            AnsiConsole.Write(drawn);
            return;
        }

        if (title is not null)
        {
            Console.Out.WriteLine(title);
        }

        foreach (var line in table.PlainLines())
        {
            Console.Out.WriteLine(line);
        }
    }

    /// <summary>The one-line error on stderr.</summary>
    public static void Error(string message) => Console.Error.WriteLine("error: " + message);
}
