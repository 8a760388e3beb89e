using System.Globalization;
using System.Text.RegularExpressions;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>A condition on one metric, written <c>metric op number</c> (e.g. <c>rocAuc >= 0.97</c>, <c>rmse &lt; 55</c>).</summary>
public sealed partial record MetricGate(string Metric, string Operator, double Threshold)
{
    /// <summary>Whether <paramref name="value"/> meets the gate.</summary>
    public bool IsMetBy(double value) => Operator switch
    {
        ">=" => value >= Threshold,
        ">" => value > Threshold,
        "<=" => value <= Threshold,
        "<" => value < Threshold,
        _ => throw new InvalidOperationException($"Unknown operator '{Operator}'."),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Metric} {Operator} {Threshold.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses a gate; the error says what was expected.</summary>
    public static bool TryParse(string text, out MetricGate? gate, out string? error)
    {
        gate = null;
        var match = GatePattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = $"'{text}' is not a gate; expected 'metric op number', e.g. 'rocAuc >= 0.97' (op: >=, >, <=, <)";
            return false;
        }

        var metric = MetricNames.Canonical(match.Groups["metric"].Value);
        if (metric is null)
        {
            error = $"'{match.Groups["metric"].Value}' is not a metric; expected one of {string.Join(", ", MetricNames.All)}";
            return false;
        }

        gate = new MetricGate(metric, match.Groups["op"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        error = null;
        return true;
    }

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z][A-Za-z0-9]*)\s*(?<op>>=|<=|>|<)\s*(?<value>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)\s*$")]
    private static partial Regex GatePattern();
}
