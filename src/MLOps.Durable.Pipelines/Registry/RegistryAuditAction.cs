namespace MLOps.Durable.Pipelines.Registry;

/// <summary>What a registry audit entry records (stored by its camelCase name, see README.md).</summary>
public enum RegistryAuditAction
{
    /// <summary>A new version was registered.</summary>
    Registered,

    /// <summary>An alias was pointed at a version (or its traffic percent changed).</summary>
    AliasSet,

    /// <summary>An alias was removed.</summary>
    AliasRemoved,

    /// <summary>The canary version became production and the canary alias was removed.</summary>
    Promoted,

    /// <summary>Production went back to the version it had before.</summary>
    RolledBack,
}
