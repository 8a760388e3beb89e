namespace MLOps.Durable.ML.Metrics;

/// <summary>Binary ranking metrics of a score against a positive/negative label, with tied scores handled as scikit-learn does.</summary>
internal static class RankingMetrics
{
    /// <summary>
    /// ROC AUC as the Mann-Whitney probability that a positive outscores a negative, ties counting one
    /// half; this equals the trapezoidal area under scikit-learn's ROC curve, whose points sit at distinct
    /// scores. Null when either class is absent.
    /// </summary>
    public static double? RocAuc(bool[] positive, double[] scores)
    {
        var order = SortedIndices(scores);
        long positives = positive.Count(p => p);
        long negatives = positive.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        // Sum of the (average, 1-based) ranks of the positives in ascending score order.
        var rankSum = 0.0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + 1) + (end + 1)) / 2.0;
            for (var i = start; i <= end; i++)
            {
                if (positive[order[i]])
                {
                    rankSum += averageRank;
                }
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision Σ (R_k - R_(k-1)) · P_k over thresholds at the distinct scores, highest first
    /// (scikit-learn's average_precision_score, no interpolation). Null when there is no positive.
    /// </summary>
    public static double? AveragePrecision(bool[] positive, double[] scores)
    {
        var order = SortedIndices(scores);
        var positives = positive.Count(p => p);
        if (positives == 0)
        {
            return null;
        }

        var sum = 0.0;
        var previousRecall = 0.0;
        var truePositives = 0;
        var end = order.Length - 1;
        while (end >= 0)
        {
            // Take every row tied at this score at once: a threshold cannot split them.
            var start = end;
            while (start - 1 >= 0 && scores[order[start - 1]] == scores[order[end]])
            {
                start--;
            }

            for (var i = start; i <= end; i++)
            {
                if (positive[order[i]])
                {
                    truePositives++;
                }
            }

            var predictedPositive = order.Length - start;
            var recall = (double)truePositives / positives;
            var precision = (double)truePositives / predictedPositive;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
            end = start - 1;
        }

        return sum;
    }

    private static int[] SortedIndices(double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        return order;
    }
}
