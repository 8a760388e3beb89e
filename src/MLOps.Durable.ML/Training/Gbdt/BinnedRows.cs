namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Bin numbers of every row, one byte per feature, in two layouts. Row-major (<see cref="Values"/>) lets
/// histogram building read a row's gradient once and add it to every feature's histogram, which measured
/// about twice as fast as a pass per feature on 100,000 x 20. Feature-major (<see cref="ByFeature"/>) lets
/// partitioning a node read one feature of ascending rows without striding over the others.
/// </summary>
internal sealed record BinnedRows(byte[] Values, byte[] ByFeature, int Rows, int Features)
{
    public byte this[int row, int feature] => Values[((long)row * Features) + feature];
}
