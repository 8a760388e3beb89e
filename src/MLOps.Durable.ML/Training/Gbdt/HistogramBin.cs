namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>Sums for one bin, kept together so that adding a row touches one cache line.</summary>
internal struct HistogramBin
{
    public double Gradient;
    public double Hessian;
    public int Count;
}
