namespace MLOps.Durable.Cli.Api;

/// <summary>The host to talk to and the function key to send, from <c>--host</c>/<c>--key</c> or <c>MLOPS_HOST</c>/<c>MLOPS_KEY</c>.</summary>
/// <param name="Host">The host's base address, ending in '/' so that API paths resolve under it.</param>
/// <param name="Key">The function or master key, or null when none was given.</param>
internal sealed record HostConnection(Uri Host, string? Key)
{
    public const string HostVariable = "MLOPS_HOST";

    public const string KeyVariable = "MLOPS_KEY";

    public const string DefaultHost = "http://localhost:7071";

    /// <summary>The flag's value, else the environment's, else the default; a value that is not an http(s) URL is a usage error.</summary>
    public static HostConnection Resolve(string? hostFlag, string? keyFlag)
    {
        var (host, source) = hostFlag is { Length: > 0 }
            ? (hostFlag, "--host")
            : Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } fromEnvironment
                ? (fromEnvironment, HostVariable)
                : (DefaultHost, "the default host");
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{source}: '{host}' is not an http(s) URL; expected e.g. {DefaultHost}");
        }

        if (!uri.AbsolutePath.EndsWith('/'))
        {
            uri = new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        }

        var key = keyFlag is { Length: > 0 } ? keyFlag : Environment.GetEnvironmentVariable(KeyVariable);
        return new HostConnection(uri, string.IsNullOrEmpty(key) ? null : key);
    }
}
