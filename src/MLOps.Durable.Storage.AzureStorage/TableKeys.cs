using System.Globalization;
using System.Text;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Instance ids and host value names as table keys. PartitionKey and RowKey may not contain '/', '\', '#', '?'
/// or control characters; those (and '%', the escape itself) become %XX, everything else is kept, so keys
/// sort like the ids they stand for except around the escaped characters.
/// </summary>
internal static class TableKeys
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length)
            {
                builder.Append((char)int.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The longest instance id (after escaping) a key may hold; Azure allows 1 KiB per key.</summary>
    public const int MaxKeyLength = 400;

    /// <summary>Why an id cannot be a key, or null when it can.</summary>
    public static string? Problem(string id) =>
        string.IsNullOrEmpty(id) ? "An instance id must not be empty."
        : Escape(id).Length > MaxKeyLength ? $"Instance id '{id[..Math.Min(40, id.Length)]}...' is {id.Length} characters long; the Azure Storage backend accepts at most {MaxKeyLength} (after escaping / \\ # ? % and control characters)."
        : null;

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || c < 0x20 || (c >= 0x7F && c <= 0x9F);
}
