namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Bin numbers of every row, row-major (one byte per feature). Row-major lets histogram building read a
/// row's gradient once and add it to every feature's histogram, which measured about twice as fast as
/// a pass per feature on 100,000 x 20.
/// </summary>
internal sealed record BinnedRows(byte[] Values, int Rows, int Features)
{
    public byte this[int row, int feature] => Values[((long)row * Features) + feature];
}
