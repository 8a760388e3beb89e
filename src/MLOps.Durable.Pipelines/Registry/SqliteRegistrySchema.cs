namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// The tables of a registry file (see README.md). The file is marked with <c>PRAGMA application_id</c> so a
/// task hub or any other SQLite file is refused instead of altered; the version lives in
/// <c>PRAGMA user_version</c> and is written in the transaction that creates the tables.
/// </summary>
internal static class SqliteRegistrySchema
{
    /// <summary>"MLRG": marks a model registry file.</summary>
    public const int ApplicationId = 0x4D4C5247;

    /// <summary>The schema this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Creates version 1 on an empty file.</summary>
    public const string CreateVersion1 = """
        CREATE TABLE ModelVersions (
            Model         TEXT    NOT NULL,
            Version       INTEGER NOT NULL,
            RunId         TEXT    NOT NULL,
            Trainer       TEXT    NOT NULL,
            Parameters    TEXT    NOT NULL,
            Metrics       TEXT    NOT NULL,
            DatasetHash   TEXT    NULL,
            SchemaVersion INTEGER NULL,
            SchemaHash    TEXT    NULL,
            CodeVersion   TEXT    NULL,
            PipelineName  TEXT    NULL,
            ModelJson     TEXT    NULL,
            Onnx          TEXT    NULL,
            CreatedAt     INTEGER NOT NULL,
            PRIMARY KEY (Model, Version),
            UNIQUE (Model, RunId)
        );

        CREATE TABLE ModelAliases (
            Model          TEXT    NOT NULL,
            Alias          TEXT    NOT NULL,
            Version        INTEGER NOT NULL,
            TrafficPercent INTEGER NULL,
            SetAt          INTEGER NOT NULL,
            SetBy          TEXT    NOT NULL,
            PRIMARY KEY (Model, Alias)
        );

        CREATE TABLE RegistryAudit (
            Sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
            Time            INTEGER NOT NULL,
            Actor           TEXT    NOT NULL,
            Action          TEXT    NOT NULL,
            Model           TEXT    NOT NULL,
            Version         INTEGER NOT NULL,
            Alias           TEXT    NULL,
            PreviousVersion INTEGER NULL,
            TrafficPercent  INTEGER NULL,
            Reason          TEXT    NULL,
            Details         TEXT    NOT NULL
        );
        CREATE INDEX IX_RegistryAudit_Model ON RegistryAudit (Model, Sequence);

        -- Versions and the audit trail are facts: the file itself refuses to change or delete them.
        CREATE TRIGGER ModelVersions_Immutable BEFORE UPDATE ON ModelVersions
        BEGIN SELECT RAISE(ABORT, 'model versions are immutable'); END;
        CREATE TRIGGER ModelVersions_Kept BEFORE DELETE ON ModelVersions
        BEGIN SELECT RAISE(ABORT, 'model versions are never deleted'); END;
        CREATE TRIGGER RegistryAudit_AppendOnly BEFORE UPDATE ON RegistryAudit
        BEGIN SELECT RAISE(ABORT, 'the registry audit trail is append-only'); END;
        CREATE TRIGGER RegistryAudit_Kept BEFORE DELETE ON RegistryAudit
        BEGIN SELECT RAISE(ABORT, 'the registry audit trail is append-only'); END;

        PRAGMA application_id = 1296847431;
        PRAGMA user_version = 1;
        """;
}
