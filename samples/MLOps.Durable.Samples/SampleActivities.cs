using System.Globalization;

namespace MLOps.Durable.Samples;

/// <summary>The sample's activities: small stand-ins for the real stages, deterministic so the output is stable.</summary>
internal static class SampleActivities
{
    public static int ValidateData(TaskActivityContext context, string dataset)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", dataset);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dataset '{dataset}' was not found at {path}.", path);
        }

        var rows = File.ReadLines(path).Skip(1).Count(line => line.Length > 0);
        return rows > 0 ? rows : throw new InvalidDataException($"Dataset '{dataset}' has a header but no rows.");
    }

    public static Candidate TrainCandidate(TaskActivityContext context, Candidate candidate)
    {
        // A stand-in score that peaks at a learning rate of 0.1.
        var accuracy = Math.Round(0.97 - Math.Abs(Math.Log10(candidate.LearningRate) + 1) * 0.05, 4);
        return candidate with { Accuracy = accuracy };
    }

    public static string DeployModel(TaskActivityContext context, Candidate best) =>
        "v1-lr" + best.LearningRate.ToString(CultureInfo.InvariantCulture);
}
