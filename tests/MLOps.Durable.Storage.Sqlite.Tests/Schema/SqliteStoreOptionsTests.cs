namespace MLOps.Durable.Storage.Sqlite.Tests.Schema;

public sealed class SqliteStoreOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_NoDataSource_ThrowsNamingDataSource(string dataSource)
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteDurableStore(new SqliteStoreOptions { DataSource = dataSource }));

        Assert.Equal("DataSource", error.ParamName);
        Assert.Contains("SqliteStoreOptions.DataSource is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeBusyTimeout_ThrowsNamingBusyTimeout()
    {
        var options = new SqliteStoreOptions { DataSource = "x.db", BusyTimeout = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentException>(() => new SqliteDurableStore(options));

        Assert.Equal("BusyTimeout", error.ParamName);
        Assert.Contains("SqliteStoreOptions.BusyTimeout '-00:00:01'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullOptions_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => new SqliteDurableStore(null!));
}
