using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>Binding parameters to a reused command: the first call adds them, later calls set their values.</summary>
public static class SqliteCommandExtensions
{
    public static SqliteCommand Bind(this SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name)) command.Parameters[name].Value = value;
            else command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
