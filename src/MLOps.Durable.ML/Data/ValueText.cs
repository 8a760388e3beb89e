using System.Globalization;

namespace MLOps.Durable.ML.Data;

/// <summary>The one definition of which texts are numbers and booleans, shared by reading, inference and validation.</summary>
internal static class ValueText
{
    /// <summary>An invariant-culture finite double (sign, decimal point, exponent, surrounding spaces; no thousands separators).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary><c>true</c> or <c>false</c>, case-insensitive.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="text"/> parses as <paramref name="kind"/>.</summary>
    public static bool Fits(string text, ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => TryParseNumber(text, out _),
        ColumnKind.Boolean => TryParseBoolean(text, out _),
        _ => true,
    };

    /// <summary>The kind name as used in messages and JSON.</summary>
    public static string Name(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "numeric",
        ColumnKind.Categorical => "categorical",
        ColumnKind.Boolean => "boolean",
        _ => kind.ToString(),
    };
}
