namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>Per-bin sums of gradients, hessians and row counts for every feature of one tree node.</summary>
internal sealed class Histogram(int totalBins)
{
    public HistogramBin[] Bins { get; } = new HistogramBin[totalBins];

    /// <summary>this = parent - sibling (the histogram subtraction trick: build the smaller child, derive the larger).</summary>
    public void SetDifference(Histogram parent, Histogram sibling)
    {
        var bins = Bins;
        var a = parent.Bins;
        var b = sibling.Bins;
        for (var i = 0; i < bins.Length; i++)
        {
            bins[i].Gradient = a[i].Gradient - b[i].Gradient;
            bins[i].Hessian = a[i].Hessian - b[i].Hessian;
            bins[i].Count = a[i].Count - b[i].Count;
        }
    }
}
