namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// The table of a prediction log file (see README.md), marked with <c>PRAGMA application_id</c> so another
/// store's file is refused instead of altered; the version lives in <c>PRAGMA user_version</c>.
/// </summary>
internal static class SqlitePredictionLogSchema
{
    /// <summary>"MLPL": marks a prediction log file.</summary>
    public const int ApplicationId = 0x4D4C504C;

    /// <summary>The schema this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The prediction columns in the order the reader expects.</summary>
    public const string Columns = "Sequence, PredictionId, Model, Version, Alias, Time, Inputs, Outputs, Actual, FeedbackAt";

    /// <summary>Creates version 1 on an empty file.</summary>
    public const string CreateVersion1 = """
        CREATE TABLE Predictions (
            Sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
            PredictionId TEXT    NOT NULL UNIQUE,
            Model        TEXT    NOT NULL,
            Version      INTEGER NOT NULL,
            Alias        TEXT    NOT NULL,
            Time         INTEGER NOT NULL,
            Inputs       TEXT    NOT NULL,
            Outputs      TEXT    NOT NULL,
            Actual       TEXT    NULL,
            FeedbackAt   INTEGER NULL
        );
        CREATE INDEX IX_Predictions_Model ON Predictions (Model, Sequence);

        -- A prediction is a fact; only its feedback may be set, and only once.
        CREATE TRIGGER Predictions_Immutable BEFORE UPDATE ON Predictions
        WHEN OLD.Actual IS NOT NULL OR NEW.PredictionId IS NOT OLD.PredictionId OR NEW.Model IS NOT OLD.Model
          OR NEW.Version IS NOT OLD.Version OR NEW.Alias IS NOT OLD.Alias OR NEW.Time IS NOT OLD.Time
          OR NEW.Inputs IS NOT OLD.Inputs OR NEW.Outputs IS NOT OLD.Outputs
        BEGIN SELECT RAISE(ABORT, 'predictions are immutable; feedback is set once'); END;

        PRAGMA application_id = 1296846924;
        PRAGMA user_version = 1;
        """;
}
