using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxSessionErrorTests
{
    [Fact]
    public void FromBytes_NotAModel_ThrowsWithOrtCodeAndMessage()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes([0x0A, 0xFF, 0xFF, 0x01, 0x02]));

        Assert.Equal("CreateSessionFromArray", error.Operation);
        Assert.Equal(OnnxRuntimeErrorCode.InvalidProtobuf, error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.RuntimeMessage));
        Assert.Contains(error.RuntimeMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_UnknownOperator_ThrowsWithOrtMessageNamingIt()
    {
        var model = new OnnxGraphBuilder()
            .AddInput("x", OnnxElementType.Float, "N", 2)
            .AddNode("NoSuchOperator", ["x"], ["y"], domain: OnnxDomains.Ml)
            .AddOutput("y", OnnxElementType.Float, "N", 2)
            .Build();

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes(model));

        Assert.Contains("NoSuchOperator", error.RuntimeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongInputName_ListsTheInputs()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());

        var error = Assert.Throws<ArgumentException>(
            () => OnnxSessionTests.Run(session, ("features", OnnxTensor.FromFloats([1, 2], 1, 2))));

        Assert.StartsWith("The model has no input 'features'. Inputs: x.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongOutputName_ListsTheOutputs()
    {
        using var session = OnnxSession.FromBytes(TestModels.LinearClassifierBinary());

        var error = Assert.Throws<ArgumentException>(() => session.Run(
            new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromFloats([1, 2], 1, 2) }, ["score"]));

        Assert.StartsWith("The model has no output 'score'. Outputs: label, probabilities.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongElementType_NamesInputAndTypes()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());

        var error = Assert.Throws<ArgumentException>(() => OnnxSessionTests.Run(session, ("x", OnnxTensor.FromInt64s([1, 2], 1, 2))));

        Assert.StartsWith("Input 'x' takes Float tensors; a Int64 tensor was given.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongShape_ThrowsOrtInvalidArgument()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSessionTests.Run(session, ("x", OnnxTensor.FromFloats([1, 2, 3], 1, 3))));

        Assert.Equal("Run", error.Operation);
        Assert.Equal(OnnxRuntimeErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("x", error.RuntimeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInput_NamesIt()
    {
        using var session = OnnxSession.FromBytes(TestModels.OneHotConcat());

        var error = Assert.Throws<ArgumentException>(() => OnnxSessionTests.Run(session, ("num", OnnxTensor.FromFloats([1, 2], 1, 2))));

        Assert.StartsWith("Inputs missing: color.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AfterDispose_ThrowsObjectDisposed()
    {
        var session = OnnxSession.FromBytes(TestModels.Imputer());
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => OnnxSessionTests.Run(session, ("x", OnnxTensor.FromFloats([1, 2, 3], 1, 3))));
    }

    [Fact]
    public void FromFile_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxSession.FromFile(path));

        Assert.Equal($"There is no ONNX model at {path}.", error.Message);
    }
}
