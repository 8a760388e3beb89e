using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>
/// Typed reads from one YAML mapping with errors collected, not thrown: each names the field's dotted path
/// and the position of the offending node (or of the mapping, for a missing field). Unknown keys are errors,
/// so a typo never silently falls back to a default.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly DefinitionErrors _errors;
    private readonly YamlNode _node;
    private readonly string _path;

    public YamlFields(YamlNode node, string path, DefinitionErrors errors, IReadOnlyCollection<string> allowed)
    {
        _node = node;
        _path = path;
        _errors = errors;
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, path.Length == 0 ? "(document)" : path, $"expected a mapping of {string.Join(", ", allowed)}");
            return;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(key))
            {
                errors.Add(keyNode, Path(key), $"unknown field; expected one of {string.Join(", ", allowed)}");
            }
            else if (!_fields.TryAdd(key, ((YamlScalarNode)keyNode, value)))
            {
                errors.Add(keyNode, Path(key), "appears twice");
            }
        }
    }

    public string Path(string field) => _path.Length == 0 ? field : $"{_path}.{field}";

    public bool Has(string field) => _fields.ContainsKey(field);

    public YamlNode? Node(string field) => _fields.TryGetValue(field, out var entry) ? entry.Value : null;

    public YamlFields? Section(string field, IReadOnlyCollection<string> allowed) =>
        Node(field) is { } node ? new YamlFields(node, Path(field), _errors, allowed) : null;

    public string? String(string field, bool required = false)
    {
        var node = Node(field);
        if (node is null)
        {
            if (required)
            {
                _errors.Add(_node, Path(field), "is required");
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        _errors.Add(node, Path(field), "expected a non-empty text value");
        return null;
    }

    /// <summary>Reads text and converts it; <paramref name="parse"/> returns the value or an error text.</summary>
    public T? Parsed<T>(string field, Func<string, (T? Value, string? Error)> parse, bool required = false)
    {
        var text = String(field, required);
        if (text is null)
        {
            return default;
        }

        var (value, error) = parse(text);
        if (error is not null)
        {
            _errors.Add(Node(field)!, Path(field), error);
        }

        return value;
    }

    public double? Number(string field, double min = double.MinValue, double max = double.MaxValue) =>
        Parsed<double?>(field, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v >= min && v <= max ? (v, null) : (null, $"{text} is out of range; expected a number from {Show(min)} to {Show(max)}")
            : (null, $"'{text}' is not a number"));

    public int? Integer(string field, int min = int.MinValue, int max = int.MaxValue) =>
        Parsed<int?>(field, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v >= min && v <= max ? (v, null) : (null, $"{text} is out of range; expected a whole number from {min} to {max}")
            : (null, $"'{text}' is not a whole number"));

    public bool? Boolean(string field) =>
        Parsed<bool?>(field, text => bool.TryParse(text, out var v) ? (v, null) : (null, $"'{text}' is not true or false"));

    public TimeSpan? Duration(string field, bool required = false) =>
        Parsed<TimeSpan?>(field, text => Durations.TryParse(text, out var v) ? (v, null) : (null, $"'{text}' is not a duration (e.g. 72h, 30m, 1d12h)"), required);

    public TEnum? Enum<TEnum>(string field, bool required = false)
        where TEnum : struct, System.Enum =>
        Parsed<TEnum?>(
            field,
            text => System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var v) && !int.TryParse(text, out _)
                ? (v, null)
                : (null, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}"),
            required);

    public MetricGate? Gate(string field) =>
        Parsed(field, text => MetricGate.TryParse(text, out var gate, out var error) ? (gate, null) : ((MetricGate?)null, error));

    /// <summary>A list of scalars; a single scalar counts as a one-element list.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> ScalarList(string field)
    {
        switch (Node(field))
        {
            case null:
                return [];
            case YamlScalarNode { Value: { Length: > 0 } single } scalar:
                return [(single, scalar)];
            case YamlSequenceNode sequence:
                var items = new List<(string, YamlNode)>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } value })
                    {
                        items.Add((value, item));
                    }
                    else
                    {
                        _errors.Add(item, Path(field), "expected a list of text values");
                    }
                }

                return items;
            case var other:
                _errors.Add(other, Path(field), "expected a list of text values");
                return [];
        }
    }

    /// <summary>The key/value pairs of a mapping (values are scalars or lists; the caller checks which).</summary>
    public IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(string field)
    {
        var node = Node(field);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            _errors.Add(node, Path(field), "expected a mapping of names to values");
            return [];
        }

        return [.. mapping.Children.Select(p => ((p.Key as YamlScalarNode)?.Value ?? string.Empty, p.Key, p.Value))];
    }

    private static string Show(double value) => value switch
    {
        double.MinValue => "-inf",
        double.MaxValue => "+inf",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
