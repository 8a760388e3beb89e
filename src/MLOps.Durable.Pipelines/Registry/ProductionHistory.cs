namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Rollback's memory, read from the audit trail: the production versions as a stack. Setting production or
/// promoting a canary pushes, a rollback pops, removing production clears. Rolling back goes to the entry
/// below the top, so repeated rollbacks walk back through earlier production versions.
/// </summary>
internal static class ProductionHistory
{
    /// <summary>The version a rollback goes to, or null when there is none; <paramref name="entries"/> are one model's, in sequence order.</summary>
    public static int? RollbackTarget(IEnumerable<RegistryAuditEntry> entries)
    {
        var stack = new List<int>();
        foreach (var entry in entries)
        {
            switch (entry.Action)
            {
                case RegistryAuditAction.AliasSet when entry.Alias == ModelAliases.Production:
                case RegistryAuditAction.Promoted:
                    if (stack.Count == 0 || stack[^1] != entry.Version)
                    {
                        stack.Add(entry.Version);
                    }

                    break;
                case RegistryAuditAction.RolledBack when stack.Count > 0:
                    stack.RemoveAt(stack.Count - 1);
                    break;
                case RegistryAuditAction.AliasRemoved when entry.Alias == ModelAliases.Production:
                    stack.Clear();
                    break;
            }
        }

        return stack.Count >= 2 ? stack[^2] : null;
    }
}
