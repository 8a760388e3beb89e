namespace MLOps.Durable.ML.Training;

/// <summary>A seeded random hold-out of rows, stratified by class for classification targets.</summary>
internal static class HoldOut
{
    public static (int[] Train, int[] Holdout) Split(TrainingTarget target, int rows, double fraction, int seed)
    {
        var random = new Random(seed);
        var groups = target.IsClassification
            ? Enumerable.Range(0, rows).GroupBy(r => target.ClassIndexes[r]).OrderBy(g => g.Key).Select(g => g.ToArray())
            : [Enumerable.Range(0, rows).ToArray()];
        var train = new List<int>(rows);
        var holdout = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            var take = (int)Math.Round(group.Length * fraction);
            holdout.AddRange(group[..take]);
            train.AddRange(group[take..]);
        }

        train.Sort();
        holdout.Sort();
        return ([.. train], [.. holdout]);
    }
}
