namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// A named node attribute (ONNX <c>AttributeProto</c>): a float, int, string, tensor, or a list of floats,
/// ints or strings. Examples: <c>OnnxAttribute.Floats("coefficients", w)</c>,
/// <c>OnnxAttribute.String("post_transform", "LOGISTIC")</c>.
/// </summary>
public sealed class OnnxAttribute
{
    // AttributeProto.AttributeType values.
    private const int TypeFloat = 1;
    private const int TypeInt = 2;
    private const int TypeString = 3;
    private const int TypeTensor = 4;
    private const int TypeFloats = 6;
    private const int TypeInts = 7;
    private const int TypeStrings = 8;

    private readonly int _type;
    private readonly object _value;

    private OnnxAttribute(string name, int type, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        _type = type;
        _value = value;
    }

    /// <summary>The attribute name, as the operator's schema spells it.</summary>
    public string Name { get; }

    /// <summary>A single float.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, TypeFloat, value);

    /// <summary>A single 64-bit int.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, TypeInt, value);

    /// <summary>A single UTF-8 string.</summary>
    public static OnnxAttribute String(string name, string value) => new(name, TypeString, value);

    /// <summary>A tensor value.</summary>
    public static OnnxAttribute Tensor(string name, OnnxTensor value) => new(name, TypeTensor, value);

    /// <summary>A list of floats (copied).</summary>
    public static OnnxAttribute Floats(string name, IEnumerable<float> values) => new(name, TypeFloats, values.ToArray());

    /// <summary>A list of 64-bit ints (copied).</summary>
    public static OnnxAttribute Ints(string name, IEnumerable<long> values) => new(name, TypeInts, values.ToArray());

    /// <summary>A list of strings (copied); null elements are refused.</summary>
    public static OnnxAttribute Strings(string name, IEnumerable<string> values)
    {
        var array = values.ToArray();
        if (Array.IndexOf(array, null) is var missing and >= 0)
        {
            throw new ArgumentException($"Attribute '{name}': element {missing} is null.", nameof(values));
        }

        return new OnnxAttribute(name, TypeStrings, array);
    }

    /// <summary>Writes the AttributeProto fields.</summary>
    internal void WriteTo(ProtobufWriter writer)
    {
        writer.WriteString(1, Name);
        switch (_value)
        {
            case float f:
                writer.WriteFloat(2, f);
                break;
            case long i:
                writer.WriteInt64(3, i);
                break;
            case string s:
                writer.WriteString(4, s);
                break;
            case OnnxTensor t:
                writer.WriteMessage(5, message => OnnxTensorEncoder.Write(message, t, name: null));
                break;
            // The repeated scalars of AttributeProto are not declared packed (proto2): one tagged entry each.
            case float[] floats:
                foreach (var value in floats)
                {
                    writer.WriteFloat(7, value);
                }

                break;
            case long[] ints:
                foreach (var value in ints)
                {
                    writer.WriteInt64(8, value);
                }

                break;
            case string[] strings:
                foreach (var value in strings)
                {
                    writer.WriteString(9, value);
                }

                break;
        }

        writer.WriteInt64(20, _type);
    }
}
