using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxTensorTests
{
    [Fact]
    public void FromFloats_ShapeDisagreesWithLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloats([1, 2, 3], 2, 2));

        Assert.StartsWith("A tensor of shape [2, 2] holds 4 values; 3 were given.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsFloats_Int64Tensor_ThrowsNamingBothTypes()
    {
        var tensor = OnnxTensor.FromInt64s([1, 2], 2);

        var error = Assert.Throws<InvalidOperationException>(() => tensor.AsFloats().ToArray());

        Assert.Equal("The tensor holds Int64 elements, not Float.", error.Message);
    }

    [Fact]
    public void FromStrings_NullElement_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxTensor.FromStrings(["a", null!], 2));

        Assert.StartsWith("String tensor element 1 is null", error.Message, StringComparison.Ordinal);
    }
}
