using System.Text.Json.Nodes;

namespace Bot.Tests.Telegram;

/// <summary>Telegram update objects as the Bot API sends them, for the fake server's queue.</summary>
public static class Updates
{
    private static int messageId = 1;

    public static JsonObject User(long id, string name = "Айгүл") =>
        new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = name, ["language_code"] = "kk" };

    public static JsonObject PrivateText(long userId, string text) =>
        Message(new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Айгүл" }, User(userId), text);

    public static JsonObject GroupText(long chatId, long userId, string text, int? threadId = null, JsonObject? replyTo = null)
    {
        var update = Message(new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Оқу тобы", ["is_forum"] = threadId is not null },
            User(userId), text);
        var message = update["message"]!.AsObject();
        if (threadId is not null)
        {
            message["message_thread_id"] = threadId;
            message["is_topic_message"] = true;
        }

        if (replyTo is not null) message["reply_to_message"] = replyTo;
        return update;
    }

    public static JsonObject PrivateDocument(long userId, string fileId, string fileName, long? size) =>
        new()
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref messageId),
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Әкімші" },
                ["from"] = User(userId, "Әкімші"),
                ["document"] = new JsonObject
                {
                    ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_name"] = fileName, ["mime_type"] = "text/plain",
                    ["file_size"] = size is null ? null : JsonValue.Create(size.Value),
                },
            },
        };

    /// <summary>A message the bot sent earlier, to reply to.</summary>
    public static JsonObject BotMessage(long chatId, int id) =>
        new()
        {
            ["message_id"] = id,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Оқу тобы" },
            ["from"] = new JsonObject { ["id"] = FakeBotApi.BotId, ["is_bot"] = true, ["first_name"] = "Kazakh QA", ["username"] = FakeBotApi.BotUsername },
            ["text"] = "Жауап",
        };

    /// <summary>
    /// <paramref name="update"/> (made by <see cref="PrivateText"/> or <see cref="GroupText"/>) as a voice message: its
    /// text becomes the caption, as Telegram sends a voice note with words under it.
    /// </summary>
    public static JsonObject AsVoice(JsonObject update, string fileId, int seconds, long? size, string kind = "voice", string mime = "audio/ogg", string? fileName = null)
    {
        var message = update["message"]!.AsObject();
        var text = message["text"]!.GetValue<string>();
        message.Remove("text");
        if (text.Length > 0) message["caption"] = text;
        if (message["entities"] is { } entities)
        {
            message.Remove("entities");
            message["caption_entities"] = entities;
        }

        var audio = new JsonObject
        {
            ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["duration"] = seconds, ["mime_type"] = mime,
            ["file_size"] = size is null ? null : JsonValue.Create(size.Value),
        };
        if (fileName is not null) audio["file_name"] = fileName;
        message[kind] = audio;
        return update;
    }

    public static JsonObject Raw(string kind, JsonObject payload) => new() { [kind] = payload.Parent is null ? payload : payload.DeepClone() };

    private static JsonObject Message(JsonObject chat, JsonObject from, string text)
    {
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref messageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = chat,
            ["from"] = from,
            ["text"] = text,
        };
        var entities = new JsonArray();
        if (text.StartsWith('/'))
        {
            int end = text.IndexOfAny([' ', '\n']);
            entities.Add(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? text.Length : end });
        }

        for (int at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
        {
            if (at > 0 && !char.IsWhiteSpace(text[at - 1])) continue; // part of a /command@bot
            int end = at + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
            entities.Add(new JsonObject { ["type"] = "mention", ["offset"] = at, ["length"] = end - at });
        }

        if (entities.Count > 0) message["entities"] = entities;
        return new JsonObject { ["message"] = message };
    }
}
