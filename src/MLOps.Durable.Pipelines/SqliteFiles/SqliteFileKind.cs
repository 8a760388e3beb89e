namespace MLOps.Durable.Pipelines.SqliteFiles;

/// <summary>
/// What a pipeline SQLite file is: its <c>application_id</c> mark, the schema version this build writes and
/// the SQL that creates it, and the words its errors use.
/// </summary>
/// <param name="ApplicationId">The <c>PRAGMA application_id</c> that marks the file.</param>
/// <param name="CurrentVersion">The schema version (<c>PRAGMA user_version</c>) this build reads and writes.</param>
/// <param name="CreateSql">Creates the current schema on an empty file (and sets user_version).</param>
/// <param name="Title">What the file holds, capitalized (e.g. "Model registry").</param>
/// <param name="FileNoun">The file, with its article (e.g. "a model registry file").</param>
/// <param name="OptionsName">The options type whose DataSource chooses the file.</param>
/// <param name="ForeignAdvice">The end of the advice for a file that belongs to something else.</param>
/// <param name="SchemaError">Builds the store's own exception from the data source and the message.</param>
internal sealed record SqliteFileKind(
    int ApplicationId,
    int CurrentVersion,
    string CreateSql,
    string Title,
    string FileNoun,
    string OptionsName,
    string ForeignAdvice,
    Func<string, string, Exception> SchemaError);
