using System.Globalization;

namespace MLOps.Durable.ML.Metrics;

/// <summary>
/// Classification metrics from actual class indices and predicted class probabilities, with the same
/// definitions and edge-case conventions as scikit-learn (accuracy_score, precision_recall_fscore_support
/// with zero_division=0, roc_auc_score with multi_class='ovr' and average='macro',
/// average_precision_score, log_loss, confusion_matrix).
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>How far a probability row may sum from 1 before it is rejected.</summary>
    public const double RowSumTolerance = 1e-6;

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Evaluates predictions; the predicted class of a row is the first class with the highest probability.</summary>
    /// <param name="actual">Actual class index per row, in [0, <paramref name="classCount"/>).</param>
    /// <param name="probabilities">Row-major probabilities, rows × <paramref name="classCount"/>; each row in [0, 1] summing to 1.</param>
    /// <param name="classCount">Number of classes (at least 2).</param>
    /// <param name="classNames">Names for the classes; defaults to the class indices.</param>
    /// <exception cref="ArgumentException">The input is empty, has the wrong shape or holds invalid labels or probabilities.</exception>
    public static ClassificationReport Evaluate(
        ReadOnlySpan<int> actual,
        ReadOnlySpan<double> probabilities,
        int classCount,
        IReadOnlyList<string>? classNames = null)
    {
        Validate(actual, probabilities, classCount, classNames);
        var rows = actual.Length;
        var names = classNames ?? [.. Enumerable.Range(0, classCount).Select(i => i.ToString(CultureInfo.InvariantCulture))];

        var confusion = new int[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            confusion[c] = new int[classCount];
        }

        var correct = 0;
        var logLoss = 0.0;
        for (var row = 0; row < rows; row++)
        {
            var scores = probabilities.Slice(row * classCount, classCount);
            var predicted = 0;
            for (var c = 1; c < classCount; c++)
            {
                if (scores[c] > scores[predicted])
                {
                    predicted = c;
                }
            }

            confusion[actual[row]][predicted]++;
            if (predicted == actual[row])
            {
                correct++;
            }

            logLoss += RowLogLoss(scores, actual[row]);
        }

        var classes = new ClassMetrics[classCount];
        for (var c = 0; c < classCount; c++)
        {
            classes[c] = PerClass(names[c], confusion, c);
        }

        var (rocAuc, prAuc) = RankingAreas(actual, probabilities, classCount);
        return new ClassificationReport(
            SampleCount: rows,
            Accuracy: (double)correct / rows,
            MacroPrecision: classes.Average(c => c.Precision),
            MacroRecall: classes.Average(c => c.Recall),
            MacroF1: classes.Average(c => c.F1),
            Classes: classes,
            RocAuc: rocAuc,
            PrAuc: prAuc,
            LogLoss: logLoss / rows,
            ConfusionMatrix: confusion);
    }

    private static ClassMetrics PerClass(string name, int[][] confusion, int c)
    {
        var truePositives = confusion[c][c];
        var support = confusion[c].Sum();
        var predicted = confusion.Sum(row => row[c]);
        var precision = predicted == 0 ? 0.0 : (double)truePositives / predicted;
        var recall = support == 0 ? 0.0 : (double)truePositives / support;
        var f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(name, precision, recall, f1, support);
    }

    private static double RowLogLoss(ReadOnlySpan<double> scores, int actual)
    {
        // scikit-learn clips to [eps, 1 - eps] (machine MachineEpsilon of double) and renormalizes the row before the log.
        var total = 0.0;
        foreach (var score in scores)
        {
            total += Math.Clamp(score, MachineEpsilon, 1 - MachineEpsilon);
        }

        return -Math.Log(Math.Clamp(scores[actual], MachineEpsilon, 1 - MachineEpsilon) / total);
    }

    private static (double? RocAuc, double? PrAuc) RankingAreas(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount)
    {
        var rows = actual.Length;
        if (classCount == 2)
        {
            var positive = new bool[rows];
            var scores = new double[rows];
            for (var row = 0; row < rows; row++)
            {
                positive[row] = actual[row] == 1;
                scores[row] = probabilities[(row * 2) + 1];
            }

            // Both areas need both classes; with positives only, average precision would be a trivial 1.
            var roc = RankingMetrics.RocAuc(positive, scores);
            return roc is null ? (null, null) : (roc, RankingMetrics.AveragePrecision(positive, scores));
        }

        double rocSum = 0, prSum = 0;
        for (var c = 0; c < classCount; c++)
        {
            var positive = new bool[rows];
            var scores = new double[rows];
            for (var row = 0; row < rows; row++)
            {
                positive[row] = actual[row] == c;
                scores[row] = probabilities[(row * classCount) + c];
            }

            var roc = RankingMetrics.RocAuc(positive, scores);
            var pr = RankingMetrics.AveragePrecision(positive, scores);
            if (roc is null || pr is null)
            {
                // scikit-learn refuses one-vs-rest AUC when a class is missing from y_true.
                return (null, null);
            }

            rocSum += roc.Value;
            prSum += pr.Value;
        }

        return (rocSum / classCount, prSum / classCount);
    }

    private static void Validate(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount, IReadOnlyList<string>? classNames)
    {
        if (classCount < 2)
        {
            throw new ArgumentException($"classCount is {classCount}; expected at least 2 classes.", nameof(classCount));
        }

        if (actual.IsEmpty)
        {
            throw new ArgumentException("actual is empty; expected at least one row.", nameof(actual));
        }

        if (probabilities.Length != actual.Length * classCount)
        {
            throw new ArgumentException(
                $"probabilities has {probabilities.Length} values; expected rows × classCount = {actual.Length} × {classCount} = {actual.Length * classCount}.",
                nameof(probabilities));
        }

        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException($"classNames has {classNames.Count} names; expected {classCount}, one per class.", nameof(classNames));
        }

        for (var row = 0; row < actual.Length; row++)
        {
            if (actual[row] < 0 || actual[row] >= classCount)
            {
                throw new ArgumentException($"actual[{row}] is {actual[row]}; expected a class index in [0, {classCount - 1}].", nameof(actual));
            }

            var sum = 0.0;
            for (var c = 0; c < classCount; c++)
            {
                var p = probabilities[(row * classCount) + c];
                if (!double.IsFinite(p) || p < 0 || p > 1)
                {
                    throw new ArgumentException(
                        $"probabilities[{row}, {c}] is {p.ToString(CultureInfo.InvariantCulture)}; expected a finite probability in [0, 1].",
                        nameof(probabilities));
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > RowSumTolerance)
            {
                throw new ArgumentException(
                    $"probabilities row {row} sums to {sum.ToString("R", CultureInfo.InvariantCulture)}; expected 1 (±{RowSumTolerance}).",
                    nameof(probabilities));
            }
        }
    }
}
