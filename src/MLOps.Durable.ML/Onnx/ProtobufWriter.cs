using System.Buffers.Binary;
using System.Text;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// The few protobuf wire-format primitives the ONNX messages need: varints, 32-bit floats, 64-bit doubles,
/// length-delimited strings, bytes and nested messages, and packed numeric arrays.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>Returns a copy of the bytes written.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Writes an int64 / int32 / enum field as a varint (negative values take ten bytes, as protobuf requires).</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>Writes a float field as four little-endian bytes.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void WriteString(int field, string value)
    {
        WriteTag(field, WireLengthDelimited);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>Writes a nested message, which is length-delimited like bytes.</summary>
    public void WriteMessage(int field, ProtobufWriter message)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)message._length);
        message._buffer.AsSpan(0, message._length).CopyTo(Reserve(message._length));
    }

    /// <summary>Writes a nested message produced by <paramref name="write"/>.</summary>
    public void WriteMessage(int field, Action<ProtobufWriter> write)
    {
        var message = new ProtobufWriter();
        write(message);
        WriteMessage(field, message);
    }

    /// <summary>Writes a repeated float field declared <c>[packed = true]</c>: one length, then the values.</summary>
    public void WritePackedFloats(int field, ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)values.Length * 4);
        var target = Reserve(values.Length * 4);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(target[(i * 4)..], values[i]);
        }
    }

    /// <summary>Writes a repeated double field declared <c>[packed = true]</c>.</summary>
    public void WritePackedDoubles(int field, ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)values.Length * 8);
        var target = Reserve(values.Length * 8);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(target[(i * 8)..], values[i]);
        }
    }

    /// <summary>Writes a repeated int64 field declared <c>[packed = true]</c>.</summary>
    public void WritePackedInt64s(int field, ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var payload = new ProtobufWriter();
        foreach (var value in values)
        {
            payload.WriteVarint(unchecked((ulong)value));
        }

        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)payload._length);
        payload._buffer.AsSpan(0, payload._length).CopyTo(Reserve(payload._length));
    }

    /// <summary>Writes the key of a field: its number and wire type.</summary>
    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    /// <summary>Writes an unsigned base-128 varint, seven bits a byte, least significant group first.</summary>
    internal void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Reserve(1)[0] = (byte)value;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
