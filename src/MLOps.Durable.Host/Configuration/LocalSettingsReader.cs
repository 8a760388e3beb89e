using System.Text.Json;

namespace MLOps.Durable.Host.Configuration;

/// <summary>
/// Reads local.settings.json as the Core Tools do: <c>Values</c> (strings only) become settings that real
/// environment variables override, and <c>Host.LocalHttpPort</c> picks the port.
/// </summary>
public static class LocalSettingsReader
{
    /// <summary>The values and the port; empty when the file does not exist.</summary>
    public static (IReadOnlyDictionary<string, string> Values, int? LocalHttpPort) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (new Dictionary<string, string>(), null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("Values", out var valuesElement) && valuesElement.ValueKind != JsonValueKind.Null)
            {
                if (valuesElement.ValueKind != JsonValueKind.Object)
                {
                    throw new HostConfigurationException($"{path}: Values must be an object of \"NAME\": \"value\" strings.");
                }

                foreach (var property in valuesElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        throw new HostConfigurationException(
                            $"{path}: Values.{property.Name}: {property.Value.GetRawText()} is not valid; expected a string (quote it).");
                    }

                    values[property.Name] = property.Value.GetString()!;
                }
            }

            int? port = null;
            if (root.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object
                && host.TryGetProperty("LocalHttpPort", out var portElement))
            {
                if (portElement.ValueKind != JsonValueKind.Number || !portElement.TryGetInt32(out var p) || p is < 1 or > 65535)
                {
                    throw new HostConfigurationException($"{path}: Host.LocalHttpPort: {portElement.GetRawText()} is not valid; expected a port number 1-65535.");
                }

                port = p;
            }

            return (values, port);
        }
        catch (JsonException ex)
        {
            throw new HostConfigurationException(
                $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: local.settings.json is not valid JSON: {ex.Message}", ex);
        }
    }
}
