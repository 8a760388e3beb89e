using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    // Plain check_model validates every node against its operator schema (inputs, outputs, attribute names
    // and types). Not full_check: onnx 1.12's strict shape inference cannot type OneHotEncoder's output or
    // ZipMap's seq(map) and rejects valid models for that.
    internal const string CheckScript =
        "import sys, onnx\n" +
        "model = onnx.load(sys.argv[1])\n" +
        "onnx.checker.check_model(model)\n" +
        "print('checked')\n";

    [PythonOnnxTheory]
    [MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public void Build_TestModel_PassesOnnxChecker(string modelName)
    {
        PythonOnnx.RequireAvailable();

        var (exitCode, output) = PythonOnnx.RunOnModel(TestModels.All[modelName](), CheckScript);

        Assert.True(exitCode == 0, $"onnx.checker rejected {modelName}: {output}");
        Assert.Contains("checked", output, StringComparison.Ordinal);
    }

    [PythonOnnxFact]
    public void Build_AttributeOfWrongType_OnnxCheckerRejects()
    {
        PythonOnnx.RequireAvailable();
        var model = new OnnxGraphBuilder()
            .AddInput("x", OnnxElementType.Float, "N", 2)
            .AddNode("Scaler", ["x"], ["y"], [OnnxAttribute.Int("offset", 1)], OnnxDomains.Ml)
            .AddOutput("y", OnnxElementType.Float, "N", 2)
            .Build();

        var (exitCode, output) = PythonOnnx.RunOnModel(model, CheckScript);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("offset", output, StringComparison.Ordinal);
    }

    [PythonOnnxFact]
    public void Build_ModelFields_ReadBackByOnnx()
    {
        PythonOnnx.RequireAvailable();
        const string script =
            "import sys, onnx\n" +
            "m = onnx.load(sys.argv[1])\n" +
            "g = m.graph\n" +
            "print('ir', m.ir_version, 'producer', m.producer_name, m.producer_version, 'version', m.model_version)\n" +
            "print('doc', m.doc_string)\n" +
            "print('opsets', sorted((o.domain, o.version) for o in m.opset_import))\n" +
            "print('meta', [(p.key, p.value) for p in m.metadata_props])\n" +
            "print('graph', g.name, [n.op_type for n in g.node], [n.domain for n in g.node][5])\n" +
            "print('input', [d.dim_param or d.dim_value for d in g.input[0].type.tensor_type.shape.dim], g.input[1].type.tensor_type.elem_type)\n" +
            "print('init', g.initializer[0].name, list(g.initializer[0].int64_data), g.initializer[0].data_type)\n" +
            "print('zipmap', g.output[2].type.sequence_type.elem_type.map_type.key_type)\n" +
            "a = {x.name: x for x in g.node[5].attribute}\n" +
            "print('attrs', list(a['coefficients'].floats), a['post_transform'].s.decode(), list(a['classlabels_ints'].ints), a['coefficients'].type)\n";

        var (exitCode, output) = PythonOnnx.RunOnModel(TestModels.Pipeline(), script);

        Assert.True(exitCode == 0, output);
        Assert.Equal(
            [
                "ir 8 producer MLOps.Durable 0.1.0 version 3",
                "doc Test pipeline: imputer, scaler, one-hot, concat, linear classifier, zipmap.",
                "opsets [('', 17), ('ai.onnx.ml', 3)]",
                "meta [('feature_names', 'n0,n1,segment'), ('target', 'churned')]",
                "graph churn ['Imputer', 'Scaler', 'OneHotEncoder', 'Reshape', 'Concat', 'LinearClassifier', 'ZipMap'] ai.onnx.ml",
                "input ['N', 2] 8",
                "init onehot_shape [-1, 2] 7",
                "zipmap 7",
                "attrs [1.0, -1.0, 2.0, 0.0] LOGISTIC [0, 1] 6",
            ],
            output.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Build_NodeReadsUndefinedValue_NamesNodeAndValue()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", OnnxElementType.Float, "N", 2)
            .AddNode("Scaler", ["features"], ["y"], domain: OnnxDomains.Ml, name: "scale")
            .AddOutput("y", OnnxElementType.Float, "N", 2);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Equal(
            "Node 'scale' (Scaler) reads 'features', which no graph input, initializer or earlier node defines.",
            error.Message);
    }

    [Fact]
    public void Build_OutputNotProduced_Throws()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", OnnxElementType.Float, "N", 2)
            .AddOutput("y", OnnxElementType.Float, "N", 2);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("'y' is not produced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ValueDefinedTwice_Throws()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", OnnxElementType.Float, "N", 2)
            .AddNode("Identity", ["x"], ["x"], name: "again")
            .AddOutput("x", OnnxElementType.Float, "N", 2);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Equal("Value 'x' is defined twice (the second time as output of node 'again' (Identity)).", error.Message);
    }

    [Fact]
    public void AddNode_DuplicateAttribute_Throws()
    {
        var builder = new OnnxGraphBuilder();

        var error = Assert.Throws<ArgumentException>(() => builder.AddNode(
            "Scaler", ["x"], ["y"], [OnnxAttribute.Floats("scale", [1]), OnnxAttribute.Floats("scale", [2])], OnnxDomains.Ml, "s"));

        Assert.StartsWith("Node 's' (Scaler) has attribute 'scale' twice.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMapSequenceOutput_FloatKeys_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new OnnxGraphBuilder().AddMapSequenceOutput("m", OnnxElementType.Float));

        Assert.StartsWith("Output 'm': map keys are Int64 or String, not Float.", error.Message, StringComparison.Ordinal);
    }
}
