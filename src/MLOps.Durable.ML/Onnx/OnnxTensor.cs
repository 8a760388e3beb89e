using System.Globalization;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// A dense tensor held in managed memory, row-major: model inputs and outputs for <see cref="OnnxSession"/>,
/// and initializers or tensor attributes for <see cref="OnnxGraphBuilder"/>. Element types: float, double,
/// int64 and string.
/// </summary>
public sealed class OnnxTensor
{
    private readonly long[] _shape;

    private OnnxTensor(OnnxElementType elementType, Array data, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count *= dimension;
        }

        if (count != data.LongLength)
        {
            throw new ArgumentException(
                $"A tensor of shape [{string.Join(", ", shape)}] holds {count} values; {data.LongLength} were given.",
                nameof(shape));
        }

        ElementType = elementType;
        Data = data;
        _shape = [.. shape];
    }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The size of every dimension; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public int ElementCount => Data.Length;

    /// <summary>The element array (float[], double[], long[] or string[]), not copied.</summary>
    internal Array Data { get; }

    /// <summary>A float tensor over <paramref name="values"/> (not copied).</summary>
    public static OnnxTensor FromFloats(float[] values, params long[] shape) => new(OnnxElementType.Float, values, shape);

    /// <summary>A double tensor over <paramref name="values"/> (not copied).</summary>
    public static OnnxTensor FromDoubles(double[] values, params long[] shape) => new(OnnxElementType.Double, values, shape);

    /// <summary>An int64 tensor over <paramref name="values"/> (not copied).</summary>
    public static OnnxTensor FromInt64s(long[] values, params long[] shape) => new(OnnxElementType.Int64, values, shape);

    /// <summary>A string tensor over <paramref name="values"/> (not copied); null elements are refused.</summary>
    public static OnnxTensor FromStrings(string[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Array.IndexOf(values, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"String tensor element {missing} is null; ONNX strings cannot be null.", nameof(values));
        }

        return new OnnxTensor(OnnxElementType.String, values, shape);
    }

    /// <summary>The float elements; throws when the tensor holds another type.</summary>
    public ReadOnlySpan<float> AsFloats() => As<float>(OnnxElementType.Float);

    /// <summary>The double elements; throws when the tensor holds another type.</summary>
    public ReadOnlySpan<double> AsDoubles() => As<double>(OnnxElementType.Double);

    /// <summary>The int64 elements; throws when the tensor holds another type.</summary>
    public ReadOnlySpan<long> AsInt64s() => As<long>(OnnxElementType.Int64);

    /// <summary>The string elements; throws when the tensor holds another type.</summary>
    public IReadOnlyList<string> AsStrings() => (string[])Check(OnnxElementType.String);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"tensor({ElementType}) [{string.Join(", ", _shape)}]");

    private T[] As<T>(OnnxElementType expected) => (T[])Check(expected);

    private Array Check(OnnxElementType expected) => ElementType == expected
        ? Data
        : throw new InvalidOperationException($"The tensor holds {ElementType} elements, not {expected}.");
}
