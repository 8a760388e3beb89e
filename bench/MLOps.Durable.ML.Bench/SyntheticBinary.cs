using System.Globalization;
using System.Text;

namespace MLOps.Durable.ML.Bench;

/// <summary>
/// The synthetic binary workload: 20 uniform features, a label from a non-linear score of six of them plus
/// noise. Seeded, so every run (ours and the reference) trains on the same rows.
/// </summary>
internal static class SyntheticBinary
{
    public const int Features = 20;

    public static void WriteCsv(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', Enumerable.Range(0, Features).Select(j => $"f{j}").Append("label")));
        var x = new double[Features];
        var line = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            for (var j = 0; j < Features; j++)
            {
                x[j] = Math.Round((random.NextDouble() * 2) - 1, 6);
            }

            var score = (2 * x[0]) + (3 * x[1] * x[2]) - x[3] + Math.Sin(3 * x[4]) + (1.5 * x[5] * x[5]) - 0.5
                + (0.6 * ((random.NextDouble() * 2) - 1));
            line.Clear();
            foreach (var value in x)
            {
                line.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            line.Append(score > 0 ? '1' : '0');
            writer.WriteLine(line);
        }
    }
}
