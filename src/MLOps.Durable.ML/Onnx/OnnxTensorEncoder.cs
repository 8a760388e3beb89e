namespace MLOps.Durable.ML.Onnx;

/// <summary>Writes an <see cref="OnnxTensor"/> as ONNX <c>TensorProto</c> fields.</summary>
internal static class OnnxTensorEncoder
{
    /// <summary>Writes dims (1), data_type (2), the typed data field and, for initializers, name (8).</summary>
    public static void Write(ProtobufWriter writer, OnnxTensor tensor, string? name)
    {
        foreach (var dimension in tensor.Shape)
        {
            writer.WriteInt64(1, dimension);
        }

        writer.WriteInt64(2, (int)tensor.ElementType);
        switch (tensor.ElementType)
        {
            case OnnxElementType.Float:
                writer.WritePackedFloats(4, tensor.AsFloats());
                break;
            case OnnxElementType.String:
                foreach (var value in tensor.AsStrings())
                {
                    writer.WriteString(6, value);
                }

                break;
            case OnnxElementType.Int64:
                writer.WritePackedInt64s(7, tensor.AsInt64s());
                break;
            case OnnxElementType.Double:
                writer.WritePackedDoubles(10, tensor.AsDoubles());
                break;
            default:
                throw new NotSupportedException($"Cannot write a {tensor.ElementType} tensor.");
        }

        if (name is not null)
        {
            writer.WriteString(8, name);
        }
    }
}
