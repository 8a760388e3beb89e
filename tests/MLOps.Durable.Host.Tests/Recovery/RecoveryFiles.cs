namespace MLOps.Durable.Host.Tests.Recovery;

/// <summary>Paths the recovery tests' pipelines point at.</summary>
internal static class RecoveryFiles
{
    /// <summary>The repository root (the folder with MLOps.Durable.sln), for the sample data under workflows/data.</summary>
    public static string RepositoryRoot()
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
