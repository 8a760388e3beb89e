using System.Runtime.Intrinsics;

namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Per-bin sums of gradients, hessians and row counts for every feature of one tree node. The bins live in a
/// pinned array aligned to 32 bytes so that no bin straddles a cache line.
/// </summary>
internal sealed unsafe class Histogram
{
    private const int Alignment = 32;

    // Kept to root the pinned storage that Bins points into.
    private readonly byte[] _storage;

    public Histogram(int totalBins)
    {
        Length = totalBins;
        _storage = GC.AllocateArray<byte>((totalBins * sizeof(HistogramBin)) + Alignment, pinned: true);
        fixed (byte* start = _storage)
        {
            var misalignment = (int)((nuint)start % Alignment);
            Bins = (HistogramBin*)(start + (misalignment == 0 ? 0 : Alignment - misalignment));
        }
    }

    /// <summary>Number of bins over all features.</summary>
    public int Length { get; }

    /// <summary>The first bin; valid for the lifetime of this object (the storage is pinned).</summary>
    public HistogramBin* Bins { get; }

    public void Clear() => new Span<byte>(Bins, Length * sizeof(HistogramBin)).Clear();

    /// <summary>this += other, bin by bin.</summary>
    public void Add(Histogram other)
    {
        var a = (double*)Bins;
        var b = (double*)other.Bins;
        for (var i = 0; i < Length * 4; i += 4)
        {
            Vector256.StoreAligned(Vector256.LoadAligned(a + i) + Vector256.LoadAligned(b + i), a + i);
        }
    }

    /// <summary>this = parent - sibling (the histogram subtraction trick: build the smaller child, derive the larger).</summary>
    public void SetDifference(Histogram parent, Histogram sibling)
    {
        var result = (double*)Bins;
        var a = (double*)parent.Bins;
        var b = (double*)sibling.Bins;
        for (var i = 0; i < Length * 4; i += 4)
        {
            Vector256.StoreAligned(Vector256.LoadAligned(a + i) - Vector256.LoadAligned(b + i), result + i);
        }
    }
}
