namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// The structural checks ONNX Runtime would otherwise report with less context: unique value names,
/// nodes in execution order, and every output produced.
/// </summary>
internal static class OnnxGraphValidator
{
    public static void Validate(
        IEnumerable<string> inputs,
        IEnumerable<string> initializers,
        IReadOnlyList<OnnxNode> nodes,
        IEnumerable<string> outputs)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in inputs)
        {
            Define(defined, name, "graph input");
        }

        foreach (var name in initializers)
        {
            Define(defined, name, "initializer");
        }

        foreach (var node in nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input.Length > 0 && !defined.Contains(input))
                {
                    throw new InvalidOperationException(
                        $"Node '{node.Name}' ({node.OpType}) reads '{input}', which no graph input, initializer or earlier node defines.");
                }
            }

            foreach (var output in node.Outputs)
            {
                Define(defined, output, $"output of node '{node.Name}' ({node.OpType})");
            }
        }

        var any = false;
        foreach (var output in outputs)
        {
            any = true;
            if (!defined.Contains(output))
            {
                throw new InvalidOperationException($"Graph output '{output}' is not produced by any node, input or initializer.");
            }
        }

        if (!any)
        {
            throw new InvalidOperationException("The graph declares no outputs; call AddOutput.");
        }
    }

    private static void Define(HashSet<string> defined, string name, string what)
    {
        if (!defined.Add(name))
        {
            throw new InvalidOperationException($"Value '{name}' is defined twice (the second time as {what}).");
        }
    }
}
