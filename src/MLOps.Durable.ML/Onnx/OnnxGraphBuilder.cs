namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Builds a single-graph ONNX model (ModelProto bytes) from inputs, outputs, nodes, initializers, opset
/// imports and metadata, with no protobuf library: enough to export preprocessing plus ai.onnx.ml
/// predictors. Nodes must be added in execution order, as ONNX requires a topologically sorted graph.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly List<(string Name, OnnxValueType Type)> _inputs = [];
    private readonly List<(string Name, OnnxValueType Type)> _outputs = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<(string Name, OnnxTensor Value)> _initializers = [];
    private readonly Dictionary<string, long> _opsets = new(StringComparer.Ordinal)
    {
        [OnnxDomains.Default] = 17,
        [OnnxDomains.Ml] = 3,
    };

    private readonly List<KeyValuePair<string, string>> _metadata = [];

    /// <summary>Starts a graph named <paramref name="graphName"/>.</summary>
    public OnnxGraphBuilder(string graphName = "model")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        GraphName = graphName;
    }

    /// <summary>GraphProto.name.</summary>
    public string GraphName { get; }

    /// <summary>ModelProto.ir_version; 8 is what ONNX Runtime 1.30 and onnx 1.12 both accept with opset 17.</summary>
    public long IrVersion { get; set; } = 8;

    /// <summary>ModelProto.producer_name.</summary>
    public string ProducerName { get; set; } = "MLOps.Durable";

    /// <summary>ModelProto.producer_version.</summary>
    public string ProducerVersion { get; set; } = "1.0";

    /// <summary>ModelProto.model_version; 0 leaves it unset.</summary>
    public long ModelVersion { get; set; }

    /// <summary>ModelProto.doc_string: a human description of the model.</summary>
    public string? DocString { get; set; }

    /// <summary>Declares a tensor input, e.g. <c>AddInput("features", OnnxElementType.Float, "N", 4)</c>.</summary>
    public OnnxGraphBuilder AddInput(string name, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        _inputs.Add((CheckName(name), TensorType(name, elementType, shape)));
        return this;
    }

    /// <summary>Declares a tensor output.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        _outputs.Add((CheckName(name), TensorType(name, elementType, shape)));
        return this;
    }

    /// <summary>
    /// Declares an output of type <c>seq(map(keyType, tensor(float)))</c>: what ZipMap produces, with
    /// <see cref="OnnxElementType.Int64"/> or <see cref="OnnxElementType.String"/> class labels as keys.
    /// </summary>
    public OnnxGraphBuilder AddMapSequenceOutput(string name, OnnxElementType keyType)
    {
        if (keyType is not (OnnxElementType.Int64 or OnnxElementType.String))
        {
            throw new ArgumentException($"Output '{name}': map keys are Int64 or String, not {keyType}.", nameof(keyType));
        }

        _outputs.Add((CheckName(name), new OnnxValueType(OnnxElementType.Float, [], keyType)));
        return this;
    }

    /// <summary>
    /// Adds a node. An empty string in <paramref name="inputs"/> marks an omitted optional input.
    /// <paramref name="name"/> defaults to <c>{opType}_{index}</c>.
    /// </summary>
    public OnnxGraphBuilder AddNode(
        string opType,
        IEnumerable<string> inputs,
        IEnumerable<string> outputs,
        IEnumerable<OnnxAttribute>? attributes = null,
        string domain = OnnxDomains.Default,
        string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(domain);
        var node = new OnnxNode(
            name ?? $"{opType}_{_nodes.Count}",
            opType,
            domain,
            [.. inputs],
            [.. outputs],
            attributes is null ? [] : [.. attributes]);
        var duplicate = node.Attributes.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Node '{node.Name}' ({opType}) has attribute '{duplicate.Key}' twice.", nameof(attributes));
        }

        _nodes.Add(node);
        return this;
    }

    /// <summary>Adds a constant tensor (GraphProto.initializer) that nodes can read by <paramref name="name"/>.</summary>
    public OnnxGraphBuilder AddInitializer(string name, OnnxTensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _initializers.Add((CheckName(name), value));
        return this;
    }

    /// <summary>Sets the opset version imported for <paramref name="domain"/> (defaults: ai.onnx 17, ai.onnx.ml 3).</summary>
    public OnnxGraphBuilder SetOpset(string domain, long version)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        _opsets[domain] = version;
        return this;
    }

    /// <summary>Adds a ModelProto.metadata_props entry, e.g. the feature names a model expects.</summary>
    public OnnxGraphBuilder AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_metadata.Exists(entry => entry.Key == key))
        {
            throw new ArgumentException($"Metadata key '{key}' is already set.", nameof(key));
        }

        _metadata.Add(new KeyValuePair<string, string>(key, value));
        return this;
    }

    /// <summary>Checks that every value a node or output reads is defined before it, then writes the model.</summary>
    public byte[] Build()
    {
        OnnxGraphValidator.Validate(
            _inputs.Select(i => i.Name),
            _initializers.Select(i => i.Name),
            _nodes,
            _outputs.Select(o => o.Name));

        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, ProducerName);
        model.WriteString(3, ProducerVersion);
        if (ModelVersion != 0)
        {
            model.WriteInt64(5, ModelVersion);
        }

        if (!string.IsNullOrEmpty(DocString))
        {
            model.WriteString(6, DocString);
        }

        model.WriteMessage(7, WriteGraph);
        foreach (var (domain, version) in _opsets)
        {
            model.WriteMessage(8, opset =>
            {
                opset.WriteString(1, domain);
                opset.WriteInt64(2, version);
            });
        }

        foreach (var (key, value) in _metadata)
        {
            model.WriteMessage(14, entry =>
            {
                entry.WriteString(1, key);
                entry.WriteString(2, value);
            });
        }

        return model.ToArray();
    }

    private void WriteGraph(ProtobufWriter graph)
    {
        foreach (var node in _nodes)
        {
            graph.WriteMessage(1, node.WriteTo);
        }

        graph.WriteString(2, GraphName);
        foreach (var (name, value) in _initializers)
        {
            graph.WriteMessage(5, tensor => OnnxTensorEncoder.Write(tensor, value, name));
        }

        WriteValueInfos(graph, 11, _inputs);
        WriteValueInfos(graph, 12, _outputs);
    }

    private static void WriteValueInfos(ProtobufWriter graph, int field, List<(string Name, OnnxValueType Type)> values)
    {
        foreach (var (name, type) in values)
        {
            graph.WriteMessage(field, info =>
            {
                info.WriteString(1, name);
                info.WriteMessage(2, type.WriteTo);
            });
        }
    }

    private static OnnxValueType TensorType(string name, OnnxElementType elementType, OnnxDimension[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (elementType == OnnxElementType.Undefined || !Enum.IsDefined(elementType))
        {
            throw new ArgumentException($"'{name}': {elementType} is not a tensor element type.", nameof(elementType));
        }

        if (Array.Exists(shape, d => d.Size is null && d.Symbol is null))
        {
            throw new ArgumentException($"'{name}': a dimension is neither a size nor a symbol.", nameof(shape));
        }

        return new OnnxValueType(elementType, [.. shape], MapKeyType: null);
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}
