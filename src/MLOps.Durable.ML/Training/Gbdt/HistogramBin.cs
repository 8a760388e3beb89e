using System.Runtime.InteropServices;

namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Sums for one bin in 32 bytes (the count as a double, exact below 2^53, plus padding), so adding a row is
/// one aligned 256-bit load, add and store, and the lanes are summed exactly as scalar adds would be.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct HistogramBin
{
    public double Gradient;
    public double Hessian;
    public double Count;
}
