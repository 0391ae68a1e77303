using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>The bot's own small SQLite files (the Telegram inbox, the feedback store, the Qdrant manifest): one unpooled connection each, and its helpers.</summary>
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

    public static SqliteCommand Command(this SqliteConnection db, string sql, SqliteTransaction? transaction = null)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void Execute(this SqliteConnection db, string sql, SqliteTransaction? transaction = null)
    {
        using var command = db.Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = db.Command(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }
}
