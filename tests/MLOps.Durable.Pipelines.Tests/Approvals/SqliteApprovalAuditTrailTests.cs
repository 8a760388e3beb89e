using Microsoft.Data.Sqlite;
using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Pipelines.Tests.Testing;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Approvals;

/// <summary>What only the SQLite trail has: a file shared by several hosts, reopening, the schema and its guards.</summary>
public sealed class SqliteApprovalAuditTrailTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("approvals-sqlite");
    private readonly FakeTimeProvider _time = new();

    private string DataSource => _folder.File("approvals.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RecordDecisionAsync_TwoTrailsOnOneFileInParallel_ExactlyOneAccepted()
    {
        await using var first = Open();
        await using var second = Open();

        var recorded = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).RecordDecisionAsync(Attempt(approved: i % 3 == 0, reviewer: $"r{i}@example.com")))));

        Assert.Single(recorded, r => r.Entry.Result == ApprovalAuditResult.Accepted);
        Assert.Equal(20, (await second.GetEntriesAsync()).Count);
    }

    [Fact]
    public async Task Reopen_NewTrail_KeepsEntriesAndTheAcceptedDecision()
    {
        IReadOnlyList<ApprovalAuditEntry> entries;
        await using (var trail = Open())
        {
            await trail.RecordDecisionAsync(Attempt(approved: true));
            await trail.RecordRefusalAsync(Attempt(approved: false, reviewer: "mallory@example.com"), "not a reviewer");
            entries = await trail.GetEntriesAsync();
        }

        await using var reopened = Open();
        var again = await reopened.RecordDecisionAsync(Attempt(approved: false));

        Assert.Equal(entries, (await reopened.GetEntriesAsync()).Take(2));
        Assert.Equal(ApprovalAuditResult.Conflict, again.Entry.Result);
        Assert.Equal(entries[0], again.Accepted);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_IsMarkedInWalMode()
    {
        await using (var trail = Open())
        {
            await trail.InitializeAsync();
        }

        Assert.Equal("1296843088", Query("PRAGMA application_id"));
        Assert.Equal("1", Query("PRAGMA user_version"));
        Assert.Equal("wal", Query("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsAndLeavesFileUntouched()
    {
        await using (var trail = Open())
        {
            await trail.InitializeAsync();
        }

        Query("PRAGMA user_version = 9");
        await using var newer = Open();

        var error = await Assert.ThrowsAsync<ApprovalAuditSchemaException>(() => newer.InitializeAsync());

        Assert.Contains("schema version 9", error.Message, StringComparison.Ordinal);
        Assert.Equal("9", Query("PRAGMA user_version"));
    }

    [Fact]
    public async Task InitializeAsync_AnotherStoresFile_ThrowsAndCreatesNoTables()
    {
        Query("CREATE TABLE ModelVersions (Model TEXT PRIMARY KEY); PRAGMA application_id = 1296847431;");
        await using var trail = Open();

        var error = await Assert.ThrowsAsync<ApprovalAuditSchemaException>(() => trail.GetEntriesAsync());

        Assert.Equal(DataSource, error.DataSource);
        Assert.Contains("is not an approval audit file", error.Message, StringComparison.Ordinal);
        Assert.Equal("0", Query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ApprovalAudit'"));
    }

    [Theory]
    [InlineData("UPDATE ApprovalAudit SET Result = 'refused'", "append-only")]
    [InlineData("DELETE FROM ApprovalAudit", "append-only")]
    [InlineData("INSERT INTO ApprovalAudit (Time, RunId, Reviewer, Decision, Channel, Result) VALUES (0, 'iris-review-1', 'bob', 'reject', 'api', 'accepted')", "UNIQUE")]
    public async Task File_ChangeOrSecondAcceptedDecision_IsRefusedByTheFile(string sql, string expected)
    {
        await using (var trail = Open())
        {
            await trail.RecordDecisionAsync(Attempt(approved: true));
        }

        var error = Assert.Throws<SqliteException>(() => Query(sql));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("1", Query("SELECT COUNT(*) FROM ApprovalAudit"));
    }

    [Theory]
    [InlineData("", 30, "DataSource")]
    [InlineData("approvals.db", -1, "BusyTimeout")]
    public void Constructor_InvalidOption_ThrowsNamingIt(string dataSource, int busySeconds, string option)
    {
        var options = new SqliteApprovalAuditTrailOptions { DataSource = dataSource, BusyTimeout = TimeSpan.FromSeconds(busySeconds) };

        var error = Assert.Throws<ArgumentException>(() => new SqliteApprovalAuditTrail(options));

        Assert.Contains($"SqliteApprovalAuditTrailOptions.{option}", error.Message, StringComparison.Ordinal);
    }

    private SqliteApprovalAuditTrail Open() => new(new SqliteApprovalAuditTrailOptions { DataSource = DataSource, TimeProvider = _time });

    private static ApprovalAttempt Attempt(bool approved, string reviewer = "alice@example.com") =>
        new("iris-review-1", "iris-review", reviewer, approved, null, ApprovalChannel.Api, "10.0.0.1", "tests");

    private string? Query(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DataSource, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
