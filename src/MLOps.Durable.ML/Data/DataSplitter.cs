using System.Collections.Immutable;

namespace MLOps.Durable.ML.Data;

/// <summary>
/// Train/test splits and k-fold cross-validation, plain or stratified by a label column. Shuffling uses
/// <c>new Random(seed)</c>, so results are stable for a given seed, data and .NET version (the seeded
/// generator's sequence is not promised across .NET versions). Stratified splits keep every class's share of the
/// test rows within one row of its share of all rows; missing labels form a class of their own.
/// </summary>
public static class DataSplitter
{
    /// <summary>
    /// Holds out <c>ceil(testFraction * rows)</c> rows (at least 1, at most rows - 1) for testing, stratified by the
    /// column <paramref name="stratifyBy"/> when given (use the target of a classification task).
    /// </summary>
    public static TrainTestSplit TrainTest(DataFrame frame, double testFraction = 0.2, int seed = 0, string? stratifyBy = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return stratifyBy is null
            ? TrainTest(frame.RowCount, testFraction, seed)
            : StratifiedTrainTest(Labels(frame[stratifyBy]), testFraction, seed);
    }

    /// <summary>A random train/test split of <paramref name="rowCount"/> rows.</summary>
    public static TrainTestSplit TrainTest(int rowCount, double testFraction = 0.2, int seed = 0)
    {
        var testCount = TestCount(rowCount, testFraction);
        var order = Shuffled(Enumerable.Range(0, rowCount).ToArray(), new Random(seed));
        return Build(rowCount, order.Take(testCount));
    }

    /// <summary>A train/test split stratified by <paramref name="labels"/> (one per row; null = missing).</summary>
    public static TrainTestSplit StratifiedTrainTest(IReadOnlyList<string?> labels, double testFraction = 0.2, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var rowCount = labels.Count;
        var testCount = TestCount(rowCount, testFraction);
        var random = new Random(seed);
        var classes = Classes(labels).Select(rows => Shuffled(rows, random)).ToArray();

        // Largest remainder: each class gets floor(exact share), then the rows still owed go to the classes with
        // the largest fractional parts (ties to the earlier class), so no class is more than one row off.
        var exact = classes.Select(rows => (double)rows.Length * testCount / rowCount).ToArray();
        var quota = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var owed = testCount - quota.Sum();
        foreach (var index in Enumerable.Range(0, classes.Length).OrderByDescending(i => exact[i] - quota[i]).ThenBy(i => i).Take(owed))
        {
            quota[index]++;
        }

        return Build(rowCount, classes.SelectMany((rows, i) => rows.Take(quota[i])));
    }

    /// <summary>
    /// Splits the rows into <paramref name="folds"/> folds of sizes differing by at most one; every row is in exactly
    /// one test fold. Stratified by the column <paramref name="stratifyBy"/> when given.
    /// </summary>
    public static IReadOnlyList<CrossValidationFold> KFold(DataFrame frame, int folds = 5, int seed = 0, string? stratifyBy = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return stratifyBy is null
            ? KFold(frame.RowCount, folds, seed)
            : StratifiedKFold(Labels(frame[stratifyBy]), folds, seed);
    }

    /// <summary>K-fold cross-validation of <paramref name="rowCount"/> shuffled rows.</summary>
    public static IReadOnlyList<CrossValidationFold> KFold(int rowCount, int folds = 5, int seed = 0)
    {
        CheckFolds(rowCount, folds);
        var order = Shuffled(Enumerable.Range(0, rowCount).ToArray(), new Random(seed));
        return Folds(rowCount, folds, order);
    }

    /// <summary>
    /// Stratified k-fold: each class's rows are shuffled and dealt round-robin over the folds (continuing where
    /// the previous class stopped), so each class's count per fold differs by at most one.
    /// </summary>
    public static IReadOnlyList<CrossValidationFold> StratifiedKFold(IReadOnlyList<string?> labels, int folds = 5, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckFolds(labels.Count, folds);
        var random = new Random(seed);
        var order = Classes(labels).SelectMany(rows => Shuffled(rows, random)).ToArray();
        return Folds(labels.Count, folds, order, roundRobin: true);
    }

    private static CrossValidationFold[] Folds(int rowCount, int folds, int[] order, bool roundRobin = false)
    {
        var foldOf = new int[rowCount];
        var start = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var size = (rowCount / folds) + (fold < rowCount % folds ? 1 : 0);
            for (var i = start; i < start + size; i++)
            {
                foldOf[order[i]] = fold;
            }

            start += size;
        }

        if (roundRobin)
        {
            for (var i = 0; i < order.Length; i++)
            {
                foldOf[order[i]] = i % folds;
            }
        }

        return [.. Enumerable.Range(0, folds).Select(fold => new CrossValidationFold(
            fold,
            [.. Enumerable.Range(0, rowCount).Where(row => foldOf[row] != fold)],
            [.. Enumerable.Range(0, rowCount).Where(row => foldOf[row] == fold)]))];
    }

    private static TrainTestSplit Build(int rowCount, IEnumerable<int> testRows)
    {
        var isTest = new bool[rowCount];
        foreach (var row in testRows)
        {
            isTest[row] = true;
        }

        return new TrainTestSplit(
            [.. Enumerable.Range(0, rowCount).Where(row => !isTest[row])],
            [.. Enumerable.Range(0, rowCount).Where(row => isTest[row])]);
    }

    /// <summary>Row indices per class, classes in ordinal label order with missing labels first.</summary>
    private static IEnumerable<int[]> Classes(IReadOnlyList<string?> labels) =>
        Enumerable.Range(0, labels.Count)
            .GroupBy(row => labels[row], StringComparer.Ordinal)
            .OrderBy(group => group.Key is null ? 0 : 1)
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.ToArray());

    private static string?[] Labels(DataColumn column) => [.. Enumerable.Range(0, column.Length).Select(column.FormatValue)];

    private static int[] Shuffled(int[] rows, Random random)
    {
        // Fisher-Yates; the draw order is part of the determinism promise, so it must not change.
        for (var i = rows.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        return rows;
    }

    private static int TestCount(int rowCount, double testFraction)
    {
        if (rowCount < 2)
        {
            throw new ArgumentException($"rowCount: {rowCount}; expected at least 2 rows to split.", nameof(rowCount));
        }

        if (double.IsNaN(testFraction) || testFraction <= 0 || testFraction >= 1)
        {
            throw new ArgumentException($"testFraction: {testFraction}; expected a fraction strictly between 0 and 1.", nameof(testFraction));
        }

        return Math.Clamp((int)Math.Ceiling(testFraction * rowCount), 1, rowCount - 1);
    }

    private static void CheckFolds(int rowCount, int folds)
    {
        if (folds < 2 || folds > rowCount)
        {
            throw new ArgumentException($"folds: {folds}; expected from 2 to the number of rows ({rowCount}).", nameof(folds));
        }
    }
}
