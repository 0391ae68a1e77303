namespace Bot.Host.Telegram.Polling;

/// <summary>An update waiting to be handled.</summary>
public sealed record PendingUpdate(int UpdateId, long ChatId, string Json, int Attempts, DateTimeOffset ReceivedAt);
