namespace MLOps.Durable.Host;

/// <summary>Where the host finds its files: the content root and the pipeline definitions under it.</summary>
public sealed record HostPaths(string ContentRoot)
{
    /// <summary>The folder with <c>*.pipeline.yaml</c>.</summary>
    public string Workflows => Path.Combine(ContentRoot, "workflows");

    /// <summary>A path relative to the content root when it lies under it (for messages and API bodies).</summary>
    public string Relative(string path)
    {
        var relative = Path.GetRelativePath(ContentRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
