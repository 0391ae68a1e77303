using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace Bot.Host.Telegram.Handling;

/// <summary>Reading what a message asks for: the command word (only if addressed to us), mentions, replies to the bot.</summary>
public static class TelegramRoutes
{
    /// <summary>Telegram's service accounts and anonymous senders: never admins.</summary>
    public static readonly IReadOnlySet<long> ServiceAccounts = new HashSet<long> { 777000, 1087968824, 136817688, 1271266957, 5434988373 };

    /// <summary>
    /// The command at the start of the message ("/ask@bot q" → ("ask", "q")), or null when there is none or it is addressed
    /// to another bot. Needs a bot_command entity at offset 0, as Telegram marks real commands.
    /// </summary>
    public static (string Command, string Arguments)? Command(Message message, string text, string botUsername)
    {
        var entity = message.Entities?.FirstOrDefault(e => e.Type == MessageEntityType.BotCommand && e.Offset == 0);
        if (entity is null || entity.Length < 2 || entity.Length > text.Length) return null;
        var word = text[1..entity.Length];
        var at = word.IndexOf('@');
        if (at >= 0)
        {
            if (!word[(at + 1)..].Equals(botUsername, StringComparison.OrdinalIgnoreCase)) return null;
            word = word[..at];
        }

        return (word.ToLowerInvariant(), text[entity.Length..].Trim());
    }

    /// <summary>The text with a leading or inline "@botname" removed, if the message mentions the bot; otherwise null.</summary>
    public static string? WithoutMention(Message message, string text, string botUsername)
    {
        if (botUsername.Length == 0) return null;
        foreach (var e in message.Entities ?? [])
        {
            if (e.Type != MessageEntityType.Mention || e.Offset + e.Length > text.Length) continue;
            if (!text.Substring(e.Offset, e.Length).Equals("@" + botUsername, StringComparison.OrdinalIgnoreCase)) continue;
            return (text[..e.Offset] + text[(e.Offset + e.Length)..]).Trim();
        }

        return null;
    }

    /// <summary>True when a caption (of a voice note, a photo) names the bot: its mentions are caption entities, not text ones.</summary>
    public static bool CaptionNames(Message message, string botUsername) =>
        botUsername.Length > 0 && message.Caption is { } caption && (message.CaptionEntities ?? []).Any(e =>
            e.Type == MessageEntityType.Mention && e.Offset + e.Length <= caption.Length &&
            caption.Substring(e.Offset, e.Length).Equals("@" + botUsername, StringComparison.OrdinalIgnoreCase));

    public static bool IsGroup(global::Telegram.Bot.Types.Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;
}
