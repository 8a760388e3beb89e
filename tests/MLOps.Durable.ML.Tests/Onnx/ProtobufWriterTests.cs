using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class ProtobufWriterTests
{
    [Theory]
    [InlineData(0L, "08-00")]
    [InlineData(1L, "08-01")]
    [InlineData(300L, "08-AC-02")]
    [InlineData(-1L, "08-FF-FF-FF-FF-FF-FF-FF-FF-FF-01")]
    public void WriteInt64_Value_EncodesVarint(long value, string expected)
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(1, value);

        Assert.Equal(expected, Convert.ToHexString(writer.ToArray()).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + "-" + b));
    }

    [Fact]
    public void WriteMessage_NestedString_PrefixesLength()
    {
        var writer = new ProtobufWriter();

        writer.WriteMessage(7, inner => inner.WriteString(2, "ab"));

        Assert.Equal([0x3A, 0x04, 0x12, 0x02, (byte)'a', (byte)'b'], writer.ToArray());
    }

    [Fact]
    public void WritePackedFloats_TwoValues_OneLengthDelimitedField()
    {
        var writer = new ProtobufWriter();

        writer.WritePackedFloats(4, [1f, -2f]);

        Assert.Equal([0x22, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], writer.ToArray());
    }
}
