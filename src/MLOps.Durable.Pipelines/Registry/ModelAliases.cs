namespace MLOps.Durable.Pipelines.Registry;

/// <summary>The aliases a model version can carry. Serving reads production (and canary for its traffic share).</summary>
public static class ModelAliases
{
    /// <summary>The version under test before release.</summary>
    public const string Staging = "staging";

    /// <summary>The version that serves traffic.</summary>
    public const string Production = "production";

    /// <summary>A version that gets a percentage of traffic next to production until promoted or removed.</summary>
    public const string Canary = "canary";

    /// <summary>Every alias, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = [Staging, Production, Canary];

    /// <summary>Whether <paramref name="alias"/> is one of <see cref="All"/> (ordinal, lower case).</summary>
    public static bool IsKnown(string? alias) => alias is Staging or Production or Canary;

    /// <summary>The position of a known alias in <see cref="All"/>, for sorting.</summary>
    internal static int Order(string alias) => alias switch
    {
        Staging => 0,
        Production => 1,
        _ => 2,
    };
}
