namespace MLOps.Durable.Storage.Sqlite;

/// <summary>
/// The tables of a task hub file (see README.md for what each column holds). The version lives in
/// <c>PRAGMA user_version</c> and is written in the transaction that creates the tables, so a half-created
/// schema is never seen as current.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema this build reads and writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Creates version 1 on an empty file.</summary>
    public const string CreateVersion1 = """
        CREATE TABLE Instances (
            InstanceId         TEXT    NOT NULL PRIMARY KEY,
            Name               TEXT    NOT NULL,
            ExecutionId        TEXT    NOT NULL,
            RuntimeStatus      INTEGER NOT NULL,
            CreatedAt          INTEGER NOT NULL,
            LastUpdatedAt      INTEGER NOT NULL,
            CompletedAt        INTEGER NULL,
            ScheduledStartTime INTEGER NULL,
            Input              TEXT    NULL,
            Output             TEXT    NULL,
            CustomStatus       TEXT    NULL,
            FailureDetails     TEXT    NULL,
            ParentInstanceId   TEXT    NULL,
            HistoryCount       INTEGER NOT NULL DEFAULT 0,
            LockToken          TEXT    NULL,
            LockedUntil        INTEGER NULL,
            LockedAt           INTEGER NULL,
            NextVisibleAt      INTEGER NULL,
            FirstMessage       INTEGER NULL
        );
        CREATE INDEX IX_Instances_Ready ON Instances (NextVisibleAt, FirstMessage) WHERE NextVisibleAt IS NOT NULL;
        CREATE INDEX IX_Instances_CreatedAt ON Instances (CreatedAt);

        CREATE TABLE History (
            InstanceId     TEXT    NOT NULL,
            SequenceNumber INTEGER NOT NULL,
            ExecutionId    TEXT    NOT NULL,
            EventJson      TEXT    NOT NULL,
            PRIMARY KEY (InstanceId, SequenceNumber)
        );

        CREATE TABLE NewEvents (
            Sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId  TEXT    NOT NULL,
            ExecutionId TEXT    NULL,
            VisibleAt   INTEGER NOT NULL,
            EventJson   TEXT    NOT NULL
        );
        CREATE INDEX IX_NewEvents_InstanceVisibleAt ON NewEvents (InstanceId, VisibleAt);

        CREATE TABLE Activities (
            Id           INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId   TEXT    NOT NULL,
            ExecutionId  TEXT    NOT NULL,
            TaskId       INTEGER NOT NULL,
            Name         TEXT    NOT NULL,
            Input        TEXT    NULL,
            LockToken    TEXT    NULL,
            LockedUntil  INTEGER NULL,
            DequeueCount INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IX_Activities_InstanceId ON Activities (InstanceId);

        PRAGMA user_version = 1;
        """;

    /// <summary>Version 1 to 2: named host values (generated function keys).</summary>
    public const string UpgradeToVersion2 = """
        CREATE TABLE HostState (
            Name  TEXT NOT NULL PRIMARY KEY,
            Value TEXT NOT NULL
        );

        PRAGMA user_version = 2;
        """;
}
