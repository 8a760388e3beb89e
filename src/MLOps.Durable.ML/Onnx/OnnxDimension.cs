namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// One dimension of a declared tensor shape: a fixed size, or a symbolic name such as <c>"N"</c> for a
/// batch size chosen at run time. Converts implicitly from <see cref="long"/> and <see cref="string"/>,
/// so shapes read as <c>AddInput("x", OnnxElementType.Float, "N", 3)</c>.
/// </summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null for a symbolic dimension.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name, or null for a fixed dimension.</summary>
    public string? Symbol { get; }

    /// <summary>A dimension of fixed size.</summary>
    public static OnnxDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDimension(size, null);
    }

    /// <summary>A dimension known only at run time, named so that equal names mean equal sizes.</summary>
    public static OnnxDimension Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new OnnxDimension(null, symbol);
    }

    /// <summary>Same as <see cref="Fixed"/>.</summary>
    public static implicit operator OnnxDimension(long size) => Fixed(size);

    /// <summary>Same as <see cref="Symbolic"/>.</summary>
    public static implicit operator OnnxDimension(string symbol) => Symbolic(symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Size!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
