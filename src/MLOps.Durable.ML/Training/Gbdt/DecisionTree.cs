namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// One regression tree in flat arrays. Node 0 is the root; a node is a leaf when <see cref="Left"/> is -1.
/// Internal nodes send a row left when <c>(float)x[Feature] &lt;= Threshold</c> (ONNX's BRANCH_LEQ on
/// float input), so in-process and ONNX Runtime scoring take the same branches.
/// </summary>
/// <param name="Class">The class whose raw score this tree adds to (0 for binary and regression).</param>
/// <param name="Feature">Encoded feature index per internal node (-1 for leaves).</param>
/// <param name="Threshold">Split threshold per internal node.</param>
/// <param name="Left">Left child per node, -1 for leaves.</param>
/// <param name="Right">Right child per node, -1 for leaves.</param>
/// <param name="Value">Leaf value (learning rate applied) per node; 0 for internal nodes.</param>
public sealed record DecisionTree(int Class, int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Value)
{
    /// <summary>Number of nodes.</summary>
    public int NodeCount => Feature.Length;

    /// <summary>The leaf value reached by one row of encoded features.</summary>
    public double Evaluate(ReadOnlySpan<double> features)
    {
        var node = 0;
        while (Left[node] >= 0)
        {
            node = (float)features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return Value[node];
    }
}
