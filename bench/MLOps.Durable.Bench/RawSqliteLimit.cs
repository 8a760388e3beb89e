using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace MLOps.Durable.Bench;

/// <summary>The reference: how many single-row insert transactions per second SQLite itself does here.</summary>
internal static class RawSqliteLimit
{
    public static double Measure(string path, TimeSpan duration)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(connection, "CREATE TABLE Rows (Id INTEGER PRIMARY KEY AUTOINCREMENT, Payload TEXT NOT NULL);");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Rows (Payload) VALUES ($payload);";
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        insert.Prepare();
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            payload.Value = "{\"eventType\":\"TaskCompleted\",\"taskScheduledId\":1,\"result\":\"42\"}";
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
