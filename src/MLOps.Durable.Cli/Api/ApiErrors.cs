using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Cli.Api;

/// <summary>One-line messages for failed requests: the status, the URL (never the key) and what to do.</summary>
internal static class ApiErrors
{
    public static CliException Unreachable(HostConnection connection, Exception error) => new(
        $"cannot reach {connection.Host.GetLeftPart(UriPartial.Authority)} ({OneLine(error.Message)}); start the host (bash run.sh) or pass --host or set {HostConnection.HostVariable}",
        ExitCodes.Failed,
        error);

    public static CliException TimedOut(Uri url, TimeSpan timeout) =>
        new($"no answer from {Show(url)} within {timeout.TotalSeconds:0} s; is the host overloaded? try again or check its log");

    /// <summary>The message for a non-success answer; <paramref name="body"/> is the response text (ProblemDetails when the host wrote it).</summary>
    public static CliException Status(HttpStatusCode status, Uri url, string body, bool keySent)
    {
        var code = (int)status;
        var where = $"{code} from {Show(url)}";
        if (status == HttpStatusCode.Unauthorized)
        {
            return new CliException(keySent
                ? $"{where}: the key is wrong for this endpoint; pass --key or set {HostConnection.KeyVariable} (the function or master key the host printed)"
                : $"{where}: the key is missing; pass --key or set {HostConnection.KeyVariable} (the function key the host printed)");
        }

        var problem = Problem(body);
        var hint = code >= 500 ? "; the host's log has the details" : string.Empty;
        return new CliException($"{where}: {problem ?? status.ToString()}{hint}");
    }

    /// <summary>The ProblemDetails' detail (else title), or null when the body is not one.</summary>
    private static string? Problem(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                var detail = json["detail"]?.GetValueKind() == JsonValueKind.String ? (string?)json["detail"] : null;
                var title = json["title"]?.GetValueKind() == JsonValueKind.String ? (string?)json["title"] : null;
                return detail is { Length: > 0 } ? OneLine(detail) : title is { Length: > 0 } ? OneLine(title) : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's page or an empty body; the status alone has to do.
        }

        return null;
    }

    private static string Show(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
