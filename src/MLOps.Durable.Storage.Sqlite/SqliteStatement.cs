using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace MLOps.Durable.Storage.Sqlite;

/// <summary>
/// A command created once per connection and reused: Microsoft.Data.Sqlite keeps the prepared sqlite3
/// statement while the command text does not change, so hot statements are parsed only once.
/// Parameters are the <c>@names</c> found in the text, bound by position in the order they first appear.
/// </summary>
internal sealed partial class SqliteStatement : IDisposable
{
    private readonly SqliteCommand _command;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            _command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }
    }

    /// <summary>Sets every parameter, in the order the names first appear in the text; null binds SQL NULL.</summary>
    public SqliteStatement Bind(params ReadOnlySpan<object?> values)
    {
        if (values.Length != _command.Parameters.Count)
        {
            throw new InvalidOperationException(
                $"The statement takes {_command.Parameters.Count} parameters but {values.Length} were given: {_command.CommandText}");
        }

        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return this;
    }

    /// <summary>Runs the statement; the number of rows it changed.</summary>
    public int Execute() => _command.ExecuteNonQuery();

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public object? Scalar()
    {
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs the statement and reads its rows; dispose the reader before running it again.</summary>
    public SqliteDataReader Read() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();
}
