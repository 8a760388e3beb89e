using System.Globalization;
using System.Text;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// The row keys of the registry table. Every row sits in one partition (entity group transactions are atomic
/// only within a partition, and each change must commit with the sequence head and its audit rows); the row
/// key's prefix says what a row is. Model names cannot contain '|' (letters, digits, '-', '_', '.'), and numbers
/// are zero-padded, so a prefix range is exactly one model's rows in number order.
/// </summary>
internal static class RegistryRowKeys
{
    /// <summary>The one partition that holds the registry of a hub.</summary>
    public const string Partition = "registry";

    /// <summary>The row that holds the last audit sequence; every change replaces it under its ETag.</summary>
    public const string Head = "head";

    /// <summary>Prefix of the model rows (latest version and aliases).</summary>
    public const string ModelPrefix = "model|";

    /// <summary>Prefix of the audit rows in global sequence order.</summary>
    public const string AuditPrefix = "audit|";

    public static string Model(string model) => ModelPrefix + model;

    public static string VersionPrefix(string model) => $"version|{model}|";

    public static string Version(string model, int version) => VersionPrefix(model) + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The idempotency row of (model, run); the run id escaped, since it may hold characters keys refuse ('/', '#', '?', ...).</summary>
    public static string Run(string model, string runId) => $"run|{model}|{Escape(runId)}";

    public static string Audit(long sequence) => AuditPrefix + Sequence(sequence);

    public static string ModelAuditPrefix(string model) => $"modelaudit|{model}|";

    public static string ModelAudit(string model, long sequence) => ModelAuditPrefix(model) + Sequence(sequence);

    /// <summary>The model name of a model row's key.</summary>
    public static string ModelOf(string modelRowKey) => modelRowKey[ModelPrefix.Length..];

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (its last character incremented).</summary>
    public static string End(string prefix) => string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());

    /// <summary>19 digits: every non-negative long, in number order.</summary>
    public static string Sequence(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Letters, digits, '-', '_' and '.' stay; other ASCII becomes %XX and other UTF-16 units %uXXXX, so
    /// distinct run ids keep distinct keys (a 100-character id stays under the 1 KiB key limit).
    /// </summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                escaped.Append(c);
            }
            else if (char.IsAscii(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}");
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"%u{(int)c:X4}");
            }
        }

        return escaped.ToString();
    }
}
