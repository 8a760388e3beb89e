using System.Globalization;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// The container and table the pipeline stores use, derived from the task hub name so one account can hold
/// several hubs. The hub name is only lower-cased (containers must be), never otherwise rewritten: mapping
/// '_' to '-' or dropping characters would let two hubs share one container without anyone noticing.
/// </summary>
internal static class PipelineStoreNames
{
    /// <summary>Appended to the lower-cased hub name to name the artifact container.</summary>
    public const string ArtifactContainerSuffix = "-artifacts";

    /// <summary>Appended to the hub name to name the registry table.</summary>
    public const string RegistryTableSuffix = "ModelRegistry";

    private const int MaxContainerName = 63;

    private const int MaxTableName = 63;

    private const string Example = "e.g. 'MLOpsHub'";

    /// <summary><c>{hub}-artifacts</c>, lower-cased.</summary>
    /// <exception cref="ArgumentException">The hub name cannot form a container name; the message says why.</exception>
    public static string ArtifactContainer(string hubName)
    {
        ArgumentNullException.ThrowIfNull(hubName);
        var name = hubName.ToLowerInvariant() + ArtifactContainerSuffix;
        var maxHub = MaxContainerName - ArtifactContainerSuffix.Length;
        var problem = LengthProblem(hubName, maxHub)
            ?? CharacterProblem(hubName, c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ?? (hubName.StartsWith('-') ? "it starts with '-'" : null)
            ?? (hubName.Contains("--", StringComparison.Ordinal) ? "it contains '--'" : null);
        return problem is null
            ? name
            : throw Invalid(
                hubName,
                "artifact container",
                name,
                problem,
                string.Create(CultureInfo.InvariantCulture, $"1-{maxHub} ASCII letters, digits or single hyphens, starting with a letter or digit"));
    }

    /// <summary><c>{hub}ModelRegistry</c>.</summary>
    /// <exception cref="ArgumentException">The hub name cannot form a table name; the message says why.</exception>
    public static string RegistryTable(string hubName)
    {
        ArgumentNullException.ThrowIfNull(hubName);
        var name = hubName + RegistryTableSuffix;
        var maxHub = MaxTableName - RegistryTableSuffix.Length;
        var problem = LengthProblem(hubName, maxHub)
            ?? CharacterProblem(hubName, char.IsAsciiLetterOrDigit)
            ?? (char.IsAsciiLetter(hubName[0]) ? null : "it does not start with a letter");
        return problem is null
            ? name
            : throw Invalid(
                hubName,
                "registry table",
                name,
                problem,
                string.Create(CultureInfo.InvariantCulture, $"1-{maxHub} ASCII letters or digits, starting with a letter"));
    }

    private static string? LengthProblem(string hubName, int maxLength) =>
        hubName.Length is 0 || hubName.Length > maxLength
            ? string.Create(CultureInfo.InvariantCulture, $"it is {hubName.Length} characters long")
            : null;

    private static string? CharacterProblem(string hubName, Func<char, bool> allowed)
    {
        foreach (var c in hubName)
        {
            if (!allowed(c))
            {
                return $"'{Printable(c)}' is not allowed";
            }
        }

        return null;
    }

    private static ArgumentException Invalid(string hubName, string resource, string name, string problem, string expected) =>
        new($"hubName: '{Printable(hubName)}' cannot name the {resource} '{Printable(name)}': {problem}; expected a hub name of {expected} ({Example}).", nameof(hubName));

    private static string Printable(string value) => string.Concat(value.Select(Printable));

    /// <summary>The character with a control character escaped, so an error message cannot forge log lines.</summary>
    private static string Printable(char c) =>
        char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString();
}
