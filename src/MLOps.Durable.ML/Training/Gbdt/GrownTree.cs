namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// A tree just grown, with what training needs besides the model: the split bins (to route binned rows)
/// and, per leaf, the segment of the row order it holds (to update training scores without traversal).
/// </summary>
internal sealed record GrownTree(DecisionTree Tree, int[] SplitBins, int[] RowOrder, IReadOnlyList<(int Node, int Start, int Count)> Leaves)
{
    /// <summary>The leaf value reached by one binned row.</summary>
    public double EvaluateBinned(BinnedRows bins, int row)
    {
        var node = 0;
        while (Tree.Left[node] >= 0)
        {
            node = bins[row, Tree.Feature[node]] <= SplitBins[node] ? Tree.Left[node] : Tree.Right[node];
        }

        return Tree.Value[node];
    }
}
