namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// The tables of an approval audit file (see README.md). The file is marked with <c>PRAGMA application_id</c> so
/// a task hub, a registry or any other SQLite file is refused instead of altered; the version lives in
/// <c>PRAGMA user_version</c> and is written in the transaction that creates the tables.
/// </summary>
internal static class SqliteApprovalSchema
{
    /// <summary>"MLAP": marks an approval audit file.</summary>
    public const int ApplicationId = 0x4D4C4150;

    /// <summary>The schema this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Creates version 1 on an empty file.</summary>
    public const string CreateVersion1 = """
        CREATE TABLE ApprovalAudit (
            Sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
            Time          INTEGER NOT NULL,
            RunId         TEXT    NOT NULL,
            Pipeline      TEXT    NULL,
            Reviewer      TEXT    NOT NULL,
            Decision      TEXT    NOT NULL CHECK (Decision IN ('approve', 'reject')),
            Comment       TEXT    NULL,
            Channel       TEXT    NOT NULL CHECK (Channel IN ('link', 'api')),
            RemoteAddress TEXT    NULL,
            UserAgent     TEXT    NULL,
            Result        TEXT    NOT NULL CHECK (Result IN ('accepted', 'duplicate', 'conflict', 'refused')),
            Reason        TEXT    NULL
        );
        CREATE INDEX IX_ApprovalAudit_Run ON ApprovalAudit (RunId, Sequence);

        -- First accepted decision wins: the file itself refuses a second one for the same run.
        CREATE UNIQUE INDEX UX_ApprovalAudit_Accepted ON ApprovalAudit (RunId) WHERE Result = 'accepted';

        -- The trail is a record of facts: the file refuses to change or delete an entry.
        CREATE TRIGGER ApprovalAudit_AppendOnly BEFORE UPDATE ON ApprovalAudit
        BEGIN SELECT RAISE(ABORT, 'the approval audit trail is append-only'); END;
        CREATE TRIGGER ApprovalAudit_Kept BEFORE DELETE ON ApprovalAudit
        BEGIN SELECT RAISE(ABORT, 'the approval audit trail is append-only'); END;

        PRAGMA application_id = 1296843088;
        PRAGMA user_version = 1;
        """;
}
