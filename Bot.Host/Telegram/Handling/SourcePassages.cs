using Bot.Host.Telegram.Polling;
using Bot.Retrieval.Index;

namespace Bot.Host.Telegram.Handling;

/// <summary>The passages behind the "source" buttons, in the inbox file: kept as long as handled updates are, and pruned with them.</summary>
public sealed class SourcePassages(InboxDatabase file)
{
    public string SavePassage(long chatId, string title, string location, string text, DateTimeOffset now)
    {
        var key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("INSERT INTO passages(key, chat_id, title, location, text, created_at) VALUES ($k, $c, $t, $l, $x, $at)");
            command.Bind(("$k", key), ("$c", chatId), ("$t", title), ("$l", location), ("$x", text), ("$at", now.ToString("O")));
            command.ExecuteNonQuery();
        }

        return key;
    }

    public (string Title, string Location, string Text)? Passage(string key)
    {
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("SELECT title, location, text FROM passages WHERE key = $k");
            command.Bind(("$k", key));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
        }
    }
}
