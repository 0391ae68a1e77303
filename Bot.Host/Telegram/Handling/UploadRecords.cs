using Bot.Host.Telegram.Polling;
using Bot.Retrieval.Index;

namespace Bot.Host.Telegram.Handling;

/// <summary>Admins' uploads, for the record and for /docs, in the inbox file.</summary>
public sealed class UploadRecords(InboxDatabase file)
{
    /// <summary>An admin's upload, for the record and for /docs: the name it arrived with (cleaned, shown escaped), its hash, who, when.</summary>
    public void RecordUpload(string documentId, string originalName, string sha256, long userId, DateTimeOffset at)
    {
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("""
                INSERT OR REPLACE INTO uploads(document_id, original_name, sha256, user_id, uploaded_at) VALUES ($d, $n, $h, $u, $at)
                """);
            command.Bind(("$d", documentId), ("$n", originalName), ("$h", sha256), ("$u", userId), ("$at", at.ToString("O")));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Uploaded documents' original names, by document id.</summary>
    public Dictionary<string, string> UploadNames()
    {
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("SELECT document_id, original_name FROM uploads");
            using var reader = command.ExecuteReader();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read()) names[reader.GetString(0)] = reader.GetString(1);
            return names;
        }
    }
}
