namespace MLOps.Durable.ML.Onnx;

/// <summary>One graph node as <see cref="OnnxGraphBuilder"/> holds it until it writes the NodeProto.</summary>
internal sealed record OnnxNode(
    string Name,
    string OpType,
    string Domain,
    string[] Inputs,
    string[] Outputs,
    OnnxAttribute[] Attributes)
{
    /// <summary>Writes NodeProto: input (1), output (2), name (3), op_type (4), attribute (5), domain (7).</summary>
    public void WriteTo(ProtobufWriter writer)
    {
        foreach (var input in Inputs)
        {
            writer.WriteString(1, input);
        }

        foreach (var output in Outputs)
        {
            writer.WriteString(2, output);
        }

        writer.WriteString(3, Name);
        writer.WriteString(4, OpType);
        foreach (var attribute in Attributes)
        {
            writer.WriteMessage(5, attribute.WriteTo);
        }

        if (Domain.Length > 0)
        {
            writer.WriteString(7, Domain);
        }
    }
}
