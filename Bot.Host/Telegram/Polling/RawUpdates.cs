using System.Text;
using System.Text.Json;
using global::Telegram.Bot.Requests;

namespace Bot.Host.Telegram.Polling;

/// <summary>
/// getUpdates read as raw JSON: the typed call decodes the whole batch at once, so one update the library cannot
/// decode (a date as a string, an id past int64) would fail every update with it and hold the offset forever. Each
/// update is kept as Telegram sent it and decoded on its own when it is handled.
/// </summary>
public sealed class RawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    public int? Offset { get; init; }

    public int Limit { get; init; } = 100;

    public int Timeout { get; init; }

    public IReadOnlyList<string> AllowedUpdates { get; init; } = [];

    public override HttpContent ToHttpContent() => new StringContent(JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["offset"] = Offset,
        ["limit"] = Limit,
        ["timeout"] = Timeout,
        ["allowed_updates"] = AllowedUpdates,
    }), Encoding.UTF8, "application/json");
}

/// <summary>One update as received: its id, the chat it belongs to (0 when none can be read) and its JSON.</summary>
public readonly record struct RawUpdate(int UpdateId, long ChatId, string Json)
{
    private static readonly string[] ChatPaths = ["message", "edited_message", "channel_post", "edited_channel_post", "my_chat_member", "chat_member"];

    /// <summary>Reads the id and the chat from an update Telegram sent; null when it has no usable update_id.</summary>
    public static RawUpdate? From(JsonElement update)
    {
        if (update.ValueKind != JsonValueKind.Object || !update.TryGetProperty("update_id", out var id) ||
            id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var updateId)) return null;
        return new RawUpdate(updateId, ChatOf(update), update.GetRawText());
    }

    private static long ChatOf(JsonElement update)
    {
        foreach (var path in ChatPaths)
        {
            if (update.TryGetProperty(path, out var inner) && Id(inner, "chat") is { } chat) return chat;
        }

        if (update.TryGetProperty("callback_query", out var query))
        {
            if (query.ValueKind == JsonValueKind.Object && query.TryGetProperty("message", out var message) && Id(message, "chat") is { } chat) return chat;
            if (Id(query, "from") is { } from) return from;
        }

        return 0;
    }

    private static long? Id(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var owner) && owner.ValueKind == JsonValueKind.Object &&
        owner.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) ? value : null;
}
