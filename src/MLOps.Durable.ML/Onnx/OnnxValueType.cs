namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// The declared type of a graph input or output (ONNX <c>TypeProto</c>): a tensor with element type and
/// shape, or the sequence of maps from class label to probability that ZipMap produces.
/// </summary>
internal sealed record OnnxValueType(OnnxElementType ElementType, OnnxDimension[] Shape, OnnxElementType? MapKeyType)
{
    /// <summary>Writes TypeProto: tensor_type (1) or sequence_type (4) of map_type (5).</summary>
    public void WriteTo(ProtobufWriter writer)
    {
        if (MapKeyType is { } keyType)
        {
            writer.WriteMessage(4, sequence => sequence.WriteMessage(1, element => element.WriteMessage(5, map =>
            {
                map.WriteInt64(1, (int)keyType);
                map.WriteMessage(2, value => value.WriteMessage(1, tensor => tensor.WriteInt64(1, (int)ElementType)));
            })));
            return;
        }

        writer.WriteMessage(1, tensor =>
        {
            tensor.WriteInt64(1, (int)ElementType);
            tensor.WriteMessage(2, shape =>
            {
                foreach (var dimension in Shape)
                {
                    shape.WriteMessage(1, dim =>
                    {
                        if (dimension.Symbol is { } symbol)
                        {
                            dim.WriteString(2, symbol);
                        }
                        else
                        {
                            dim.WriteInt64(1, dimension.Size!.Value);
                        }
                    });
                }
            });
        });
    }
}
