namespace MLOps.Durable.Host.Tests;

/// <summary>Where the repository is, for the tests that point at its sample data, workflows and deployment files.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the folder with MLOps.Durable.sln.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLOps.Durable.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The tests run outside the repository.");
    }
}
