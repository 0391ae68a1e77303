namespace Bot.Host.Telegram;

/// <summary>Who the bot is, from getMe at start: its id and username (for /ask@name and mentions).</summary>
public sealed class BotIdentity
{
    public long Id { get; private set; }

    public string Username { get; private set; } = "";

    public void Set(long id, string? username)
    {
        Id = id;
        Username = username ?? "";
    }
}
