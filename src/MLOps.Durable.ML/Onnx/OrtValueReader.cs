using System.Text;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Copies ORT output values into managed memory: tensors (float, double, int64, string), sequences of maps
/// (ZipMap) and maps. Reads only; the caller releases the value it passes in.
/// </summary>
internal static unsafe class OrtValueReader
{
    /// <summary>Reads element type and dimensions (-1 for a symbolic dimension) from an OrtTensorTypeAndShapeInfo.</summary>
    public static (OnnxElementType ElementType, long[] Shape) ReadTypeAndShape(OrtApi api, nint tensorInfo)
    {
        int elementType;
        nuint rank;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType), "GetTensorElementType");
        api.Check(api.GetDimensionsCount(tensorInfo, &rank), "GetDimensionsCount");
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            api.Check(api.GetDimensions(tensorInfo, dims, rank), "GetDimensions");
        }

        return ((OnnxElementType)elementType, shape);
    }

    /// <summary>Copies a tensor value.</summary>
    public static OnnxTensor ReadTensor(OrtApi api, nint value, string name)
    {
        nint info;
        api.Check(api.GetTensorTypeAndShape(value, &info), "GetTensorTypeAndShape");
        OnnxElementType elementType;
        long[] shape;
        try
        {
            (elementType, shape) = ReadTypeAndShape(api, info);
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        long count = 1;
        foreach (var dimension in shape)
        {
            count *= dimension;
        }

        switch (elementType)
        {
            case OnnxElementType.Float:
                return OnnxTensor.FromFloats(CopyData<float>(api, value, count), shape);
            case OnnxElementType.Double:
                return OnnxTensor.FromDoubles(CopyData<double>(api, value, count), shape);
            case OnnxElementType.Int64:
                return OnnxTensor.FromInt64s(CopyData<long>(api, value, count), shape);
            case OnnxElementType.String:
                return OnnxTensor.FromStrings(ReadStrings(api, value, (int)count), shape);
            default:
                throw new NotSupportedException(
                    $"Output '{name}' holds {elementType} elements; this binding reads Float, Double, Int64 and String tensors.");
        }
    }

    /// <summary>Copies a sequence of maps (ZipMap's output): one <see cref="OnnxMap"/> per row.</summary>
    public static OnnxMap[] ReadMapSequence(OnnxRuntimeEnvironment runtime, nint sequence, string name)
    {
        var api = runtime.Api;
        nuint count;
        api.Check(api.GetValueCount(sequence, &count), "GetValueCount");
        var maps = new OnnxMap[(int)count];
        for (var i = 0; i < maps.Length; i++)
        {
            nint map;
            api.Check(api.GetValue(sequence, i, runtime.Allocator, &map), "GetValue");
            try
            {
                maps[i] = ReadMap(runtime, map, name);
            }
            finally
            {
                api.ReleaseValue(map);
            }
        }

        return maps;
    }

    /// <summary>Copies a map as its key tensor (GetValue index 0) and value tensor (index 1).</summary>
    public static OnnxMap ReadMap(OnnxRuntimeEnvironment runtime, nint map, string name)
    {
        var api = runtime.Api;
        nint keys = 0, values = 0;
        try
        {
            api.Check(api.GetValue(map, 0, runtime.Allocator, &keys), "GetValue");
            api.Check(api.GetValue(map, 1, runtime.Allocator, &values), "GetValue");
            return new OnnxMap(ReadTensor(api, keys, name), ReadTensor(api, values, name));
        }
        finally
        {
            if (keys != 0)
            {
                api.ReleaseValue(keys);
            }

            if (values != 0)
            {
                api.ReleaseValue(values);
            }
        }
    }

    private static T[] CopyData<T>(OrtApi api, nint value, long count)
        where T : unmanaged
    {
        var result = new T[count];
        if (count == 0)
        {
            return result;
        }

        void* data;
        api.Check(api.GetTensorMutableData(value, &data), "GetTensorMutableData");
        new ReadOnlySpan<T>(data, result.Length).CopyTo(result);
        return result;
    }

    private static string[] ReadStrings(OrtApi api, nint value, int count)
    {
        var strings = new string[count];
        if (count == 0)
        {
            return strings;
        }

        nuint length;
        api.Check(api.GetStringTensorDataLength(value, &length), "GetStringTensorDataLength");
        var content = new byte[(int)length];
        var offsets = new nuint[count];
        fixed (byte* contentPointer = content)
        fixed (nuint* offsetsPointer = offsets)
        {
            api.Check(
                api.GetStringTensorContent(value, contentPointer, length, offsetsPointer, (nuint)count),
                "GetStringTensorContent");
        }

        // Strings are packed back to back without terminators; each ends where the next begins.
        for (var i = 0; i < count; i++)
        {
            var start = (int)offsets[i];
            var end = i + 1 < count ? (int)offsets[i + 1] : content.Length;
            strings[i] = Encoding.UTF8.GetString(content, start, end - start);
        }

        return strings;
    }
}
