using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training.Gbdt;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// Histogram-based gradient boosting (binary log loss, softmax, squared error) with best-first trees,
/// row and feature subsampling, L2 on leaf values and early stopping on a seeded validation hold-out.
/// Deterministic for a given seed and thread count.
/// </summary>
public static class GradientBoostingTrainer
{
    private const double EarlyStoppingTolerance = 1e-7;
    private const int AutoEarlyStoppingRows = 10_000;

    /// <summary>Trains on every column of <paramref name="frame"/> except the target (or on <paramref name="features"/>).</summary>
    /// <param name="frame">Training rows.</param>
    /// <param name="target">The target column.</param>
    /// <param name="options">Hyperparameters; defaults as scikit-learn's HistGradientBoosting.</param>
    /// <param name="features">Feature columns; all but the target when null.</param>
    /// <param name="classification">Force classification (true) or regression (false); by default categorical and boolean targets are classification, numeric ones regression.</param>
    public static GradientBoostedTreesModel Fit(
        DataFrame frame,
        string target,
        GradientBoostingOptions? options = null,
        IEnumerable<string>? features = null,
        bool? classification = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new GradientBoostingOptions();
        options.Validate();
        var labels = TrainingTarget.From(frame, target, classification);
        var encoder = FeatureEncoder.Fit(frame, features ?? frame.ColumnNames.Where(n => n != target), options.MaxCategoryLevels);
        var x = encoder.Encode(frame);
        var run = new BoostingRun(x, labels, options);
        var result = run.Train();
        return new GradientBoostedTreesModel
        {
            Task = labels.Task,
            Target = target,
            Classes = labels.Classes,
            Features = encoder.Columns,
            BaseScores = result.BaseScores,
            Trees = result.Trees,
            Summary = result.Summary with { FeatureImportance = LinearImportance.ByColumn(encoder, run.GainByFeature) },
        };
    }

    private sealed class BoostingRun(FeatureMatrix x, TrainingTarget target, GradientBoostingOptions options)
    {
        private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        private double[] _gains = [];

        public double[] GainByFeature => _gains;

        public (double[] BaseScores, List<DecisionTree> Trees, TrainingSummary Summary) Train()
        {
            var rows = x.Rows;
            var earlyStopping = options.EarlyStopping == EarlyStopping.On
                || (options.EarlyStopping == EarlyStopping.Auto && rows > AutoEarlyStoppingRows);
            var (trainRows, validationRows) = earlyStopping ? HoldOut(rows) : ([.. Enumerable.Range(0, rows)], []);
            if (trainRows.Length == 0)
            {
                throw new ArgumentException("Gradient boosting needs at least one training row.", nameof(x));
            }

            var binner = FeatureBinner.Fit(x, trainRows, options.MaxBins, options.Seed);
            var bins = binner.Transform(x);
            var width = BoostingObjective.Width(target.Task, target.Classes.Count);
            var baseScores = BoostingObjective.BaseScores(target, trainRows);
            var raw = new double[rows * width];
            var validationRaw = new double[validationRows.Length * width];
            for (var row = 0; row < rows; row++)
            {
                baseScores.CopyTo(raw, row * width);
            }

            for (var i = 0; i < validationRows.Length; i++)
            {
                baseScores.CopyTo(validationRaw, i * width);
            }

            var gradientHessians = Enumerable.Range(0, width).Select(_ => new double[2 * rows]).ToArray();
            var grower = new TreeGrower(bins, binner.Edges, rows, options);
            var random = new Random(options.Seed);
            var trees = new List<DecisionTree>();
            var bestLoss = double.PositiveInfinity;
            var bestRounds = 0;
            var roundsWithoutGain = 0;
            var stoppedEarly = false;
            var inBagMask = new bool[rows];

            for (var round = 0; round < options.Trees; round++)
            {
                BoostingObjective.Gradients(target, raw, width, trainRows, gradientHessians, _parallel);
                var inBag = SampleRows(trainRows, random);
                var allowed = SampleFeatures(x.Columns, random);
                Array.Clear(inBagMask);
                foreach (var row in inBag)
                {
                    inBagMask[row] = true;
                }

                for (var k = 0; k < width; k++)
                {
                    var grown = grower.Grow(inBag, gradientHessians[k], allowed, k);
                    trees.Add(grown.Tree);
                    foreach (var (node, start, count) in grown.Leaves)
                    {
                        var value = grown.Tree.Value[node];
                        for (var i = start; i < start + count; i++)
                        {
                            raw[(grown.RowOrder[i] * width) + k] += value;
                        }
                    }

                    if (inBag.Length < trainRows.Length)
                    {
                        foreach (var row in trainRows)
                        {
                            if (!inBagMask[row])
                            {
                                raw[(row * width) + k] += grown.EvaluateBinned(bins, row);
                            }
                        }
                    }

                    for (var i = 0; i < validationRows.Length; i++)
                    {
                        validationRaw[(i * width) + k] += grown.EvaluateBinned(bins, validationRows[i]);
                    }
                }

                if (!earlyStopping)
                {
                    bestRounds = round + 1;
                    continue;
                }

                var loss = BoostingObjective.MeanLoss(target, validationRaw, width, validationRows);
                if (loss < bestLoss - EarlyStoppingTolerance)
                {
                    bestLoss = loss;
                    bestRounds = round + 1;
                    roundsWithoutGain = 0;
                }
                else if (++roundsWithoutGain >= options.EarlyStoppingRounds)
                {
                    stoppedEarly = true;
                    break;
                }
            }

            _gains = grower.GainByFeature;
            trees.RemoveRange(bestRounds * width, trees.Count - (bestRounds * width));
            var trainRaw = new double[trainRows.Length * width];
            for (var i = 0; i < trainRows.Length; i++)
            {
                raw.AsSpan(trainRows[i] * width, width).CopyTo(trainRaw.AsSpan(i * width, width));
            }

            var summary = new TrainingSummary(
                bestRounds,
                true,
                BoostingObjective.MeanLoss(target, trainRaw, width, trainRows),
                0,
                stoppedEarly,
                earlyStopping ? bestLoss : null,
                new Dictionary<string, double>());
            return (baseScores, trees, summary);
        }

        private (int[] Train, int[] Validation) HoldOut(int rows)
        {
            var split = target.IsClassification
                ? DataSplitter.StratifiedTrainTest([.. target.ClassIndexes.Select(c => target.Classes[c])], options.ValidationFraction, options.Seed)
                : DataSplitter.TrainTest(rows, options.ValidationFraction, options.Seed);
            int[] train = [.. split.TrainRows.Order()];
            int[] validation = [.. split.TestRows.Order()];
            return (train, validation);
        }

        private int[] SampleRows(int[] trainRows, Random random)
        {
            if (options.RowSubsample >= 1)
            {
                return trainRows;
            }

            var take = Math.Max(1, (int)Math.Round(trainRows.Length * options.RowSubsample));
            var shuffled = (int[])trainRows.Clone();
            random.Shuffle(shuffled);
            var sample = shuffled[..take];
            Array.Sort(sample);
            return sample;
        }

        private bool[] SampleFeatures(int columns, Random random)
        {
            var allowed = new bool[columns];
            if (options.FeatureFraction >= 1)
            {
                Array.Fill(allowed, true);
                return allowed;
            }

            var take = Math.Max(1, (int)Math.Round(columns * options.FeatureFraction));
            var order = Enumerable.Range(0, columns).ToArray();
            random.Shuffle(order);
            foreach (var column in order[..take])
            {
                allowed[column] = true;
            }

            return allowed;
        }
    }
}
