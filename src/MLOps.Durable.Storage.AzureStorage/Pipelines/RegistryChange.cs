using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// What one registry operation decided from the rows it read: the result to return and, for a change, the row
/// operations and the audit entry to commit together with the sequence head. No audit entry means nothing
/// changes (an idempotent repeat), so nothing is written.
/// </summary>
/// <typeparam name="T">The operation's result.</typeparam>
/// <param name="Result">What the operation returns once committed.</param>
/// <param name="Operations">The rows to insert or replace, besides the head and the audit rows.</param>
/// <param name="Audit">The audit entry (sequence 0; the commit numbers it), or null for no change.</param>
internal sealed record RegistryChange<T>(T Result, IReadOnlyList<TableOperation> Operations, RegistryAuditEntry? Audit)
{
    /// <summary>Nothing to write: return <paramref name="result"/> as it is.</summary>
    public static RegistryChange<T> None(T result) => new(result, [], null);
}
