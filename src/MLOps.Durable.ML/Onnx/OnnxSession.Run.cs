using System.Runtime.InteropServices;
using System.Text;

namespace MLOps.Durable.ML.Onnx;

public sealed unsafe partial class OnnxSession
{
    /// <summary>
    /// Scores <paramref name="inputs"/> (every model input, by name; a batch of N rows is one tensor of
    /// N rows) and returns the outputs named in <paramref name="outputNames"/>, or all outputs when null.
    /// Ask for a subset to skip outputs you do not need, e.g. ZipMap's sequence of maps. Thread-safe.
    /// </summary>
    public OnnxRunResult Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IEnumerable<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var resolvedInputs = ResolveInputs(inputs);
        var outputIndices = ResolveOutputs(outputNames);
        var added = false;
        try
        {
            // Throws ObjectDisposedException after Dispose; otherwise keeps the native session alive until Release.
            _handle.DangerousAddRef(ref added);
            return RunCore(resolvedInputs, outputIndices);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private OnnxRunResult RunCore((int Index, OnnxTensor Tensor)[] inputs, int[] outputIndices)
    {
        var api = _runtime.Api;
        var tensors = inputs.Select(input => input.Tensor).ToArray();
        var inputNames = new nint[tensors.Length];
        var inputValues = new nint[tensors.Length];
        var outputNames = new nint[outputIndices.Length];
        var outputValues = new nint[outputIndices.Length];
        var pins = new List<GCHandle>(tensors.Length);
        try
        {
            for (var i = 0; i < tensors.Length; i++)
            {
                inputNames[i] = _handle.InputNames[inputs[i].Index];
                CreateInputValue(tensors[i], ref inputValues[i], pins);
            }

            for (var i = 0; i < outputIndices.Length; i++)
            {
                outputNames[i] = _handle.OutputNames[outputIndices[i]];
            }

            // outputValues starts zeroed: ORT treats a non-NULL entry as a pre-allocated output.
            fixed (nint* inputNamesPointer = inputNames)
            fixed (nint* inputValuesPointer = inputValues)
            fixed (nint* outputNamesPointer = outputNames)
            fixed (nint* outputValuesPointer = outputValues)
            {
                api.Check(
                    api.Run(
                        _handle.DangerousGetHandle(),
                        0,
                        inputNamesPointer,
                        inputValuesPointer,
                        (nuint)tensors.Length,
                        outputNamesPointer,
                        (nuint)outputIndices.Length,
                        outputValuesPointer),
                    "Run");
            }

            return ReadOutputs(outputIndices, outputValues);
        }
        finally
        {
            foreach (var value in outputValues.Concat(inputValues))
            {
                if (value != 0)
                {
                    api.ReleaseValue(value);
                }
            }

            // Only now, after ReleaseValue, may the GC move the input buffers again.
            foreach (var pin in pins)
            {
                pin.Free();
            }
        }
    }

    private void CreateInputValue(OnnxTensor tensor, ref nint value, List<GCHandle> pins)
    {
        var api = _runtime.Api;
        var shape = tensor.Shape.ToArray();
        nint created;
        fixed (long* shapePointer = shape)
        {
            if (tensor.ElementType == OnnxElementType.String)
            {
                // ORT owns string storage: create the tensor with its allocator, then copy the strings in.
                api.Check(
                    api.CreateTensorAsOrtValue(_runtime.Allocator, shapePointer, (nuint)shape.Length, (int)OnnxElementType.String, &created),
                    "CreateTensorAsOrtValue");
                value = created;
                FillStrings(created, tensor.AsStrings());
                return;
            }

            var elementSize = tensor.ElementType switch
            {
                OnnxElementType.Float => sizeof(float),
                OnnxElementType.Double => sizeof(double),
                OnnxElementType.Int64 => sizeof(long),
                _ => throw new NotSupportedException($"Cannot pass a {tensor.ElementType} tensor to ONNX Runtime."),
            };

            // The tensor wraps the managed array without copying: it stays pinned until ReleaseValue.
            var pin = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
            pins.Add(pin);
            api.Check(
                api.CreateTensorWithDataAsOrtValue(
                    _runtime.CpuMemoryInfo,
                    (void*)pin.AddrOfPinnedObject(),
                    (nuint)((long)tensor.ElementCount * elementSize),
                    shapePointer,
                    (nuint)shape.Length,
                    (int)tensor.ElementType,
                    &created),
                "CreateTensorWithDataAsOrtValue");
            value = created;
        }
    }

    private void FillStrings(nint value, IReadOnlyList<string> strings)
    {
        if (strings.Count == 0)
        {
            return;
        }

        // One buffer of NUL-terminated UTF-8 strings and a pointer to each; FillStringTensor copies them.
        var offsets = new int[strings.Count];
        var total = 0;
        for (var i = 0; i < strings.Count; i++)
        {
            offsets[i] = total;
            total += Encoding.UTF8.GetByteCount(strings[i]) + 1;
        }

        var buffer = new byte[total];
        var pointers = new nint[strings.Count];
        fixed (byte* bufferPointer = buffer)
        fixed (nint* pointersPointer = pointers)
        {
            for (var i = 0; i < strings.Count; i++)
            {
                Encoding.UTF8.GetBytes(strings[i], buffer.AsSpan(offsets[i]));
                pointers[i] = (nint)(bufferPointer + offsets[i]);
            }

            _runtime.Api.Check(_runtime.Api.FillStringTensor(value, (byte**)pointersPointer, (nuint)strings.Count), "FillStringTensor");
        }
    }

    private OnnxRunResult ReadOutputs(int[] outputIndices, nint[] outputValues)
    {
        var api = _runtime.Api;
        var tensors = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var maps = new Dictionary<string, IReadOnlyList<OnnxMap>>(StringComparer.Ordinal);
        for (var i = 0; i < outputIndices.Length; i++)
        {
            var name = Outputs[outputIndices[i]].Name;
            int kind;
            api.Check(api.GetValueType(outputValues[i], &kind), "GetValueType");
            switch ((OnnxValueKind)kind)
            {
                case OnnxValueKind.Tensor:
                    tensors[name] = OrtValueReader.ReadTensor(api, outputValues[i], name);
                    break;
                case OnnxValueKind.Sequence:
                    maps[name] = OrtValueReader.ReadMapSequence(_runtime, outputValues[i], name);
                    break;
                case OnnxValueKind.Map:
                    maps[name] = [OrtValueReader.ReadMap(_runtime, outputValues[i], name)];
                    break;
                default:
                    throw new NotSupportedException(
                        $"Output '{name}' is a {(OnnxValueKind)kind} value, which this binding cannot read; request the other outputs by name.");
            }
        }

        return new OnnxRunResult(tensors, maps);
    }

    private (int Index, OnnxTensor Tensor)[] ResolveInputs(IReadOnlyDictionary<string, OnnxTensor> inputs)
    {
        // One pass over the dictionary pairs each model input index with its tensor, whatever the enumeration order.
        var resolved = new List<(int Index, OnnxTensor Tensor)>(inputs.Count);
        foreach (var (name, tensor) in inputs)
        {
            if (!_inputIndex.TryGetValue(name, out var index))
            {
                throw new ArgumentException(
                    $"The model has no input '{name}'. Inputs: {string.Join(", ", Inputs.Select(x => x.Name))}.", nameof(inputs));
            }

            ArgumentNullException.ThrowIfNull(tensor, $"{nameof(inputs)}[{name}]");
            var declared = Inputs[index];
            if (declared.Kind == OnnxValueKind.Tensor && declared.ElementType != tensor.ElementType)
            {
                throw new ArgumentException(
                    $"Input '{name}' takes {declared.ElementType} tensors; a {tensor.ElementType} tensor was given.", nameof(inputs));
            }

            resolved.Add((index, tensor));
        }

        var missing = Inputs.Where(x => !inputs.ContainsKey(x.Name)).Select(x => x.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"Inputs missing: {string.Join(", ", missing)}.", nameof(inputs));
        }

        return [.. resolved];
    }

    private int[] ResolveOutputs(IEnumerable<string>? outputNames)
    {
        if (outputNames is null)
        {
            return [.. Enumerable.Range(0, Outputs.Count)];
        }

        return [.. outputNames.Distinct(StringComparer.Ordinal).Select(name => _outputIndex.TryGetValue(name, out var index)
            ? index
            : throw new ArgumentException(
                $"The model has no output '{name}'. Outputs: {string.Join(", ", Outputs.Select(x => x.Name))}.", nameof(outputNames)))];
    }
}
