using Microsoft.Data.Sqlite;

namespace Bot.Host;

/// <summary>The bot's own small SQLite files (the Telegram inbox, the Qdrant manifest): one unpooled connection, WAL, every commit synced.</summary>
public static class LocalDatabase
{
    public static SqliteConnection Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}
