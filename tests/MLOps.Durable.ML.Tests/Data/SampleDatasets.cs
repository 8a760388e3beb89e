namespace MLOps.Durable.ML.Tests.Data;

/// <summary>Finds the sample datasets the repository carries (with their attribution) in <c>workflows/data</c> under the repository root (the folder with MLOps.Durable.sln).</summary>
internal static class SampleDatasets
{
    public static string PathOf(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLOps.Durable.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "workflows", "data", fileName));
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds MLOps.Durable.sln; expected the tests to run inside the repository.");
    }
}
