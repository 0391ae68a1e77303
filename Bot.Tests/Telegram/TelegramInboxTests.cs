using Bot.Host.Telegram.Polling;
using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>The inbox hands out work fairly across chats and in order within one.</summary>
public sealed class TelegramInboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Due_TakesAFewFromEachChat_SoAFloodingChatCannotCrowdOutOthers()
    {
        using var temp = new TempFolder();
        using var inbox = new TelegramInbox(temp.Combine("inbox.db"));
        var batch = Enumerable.Range(1, 500).Select(id => (id, 7L, "{}")).Append((501, 8L, "{}")).ToList();
        inbox.StoreBatch(batch, Now);

        var due = inbox.Due(Now, perChat: 20);
        Assert.Equal(21, due.Count);
        Assert.Equal(Enumerable.Range(1, 20), due.Where(u => u.ChatId == 7).Select(u => u.UpdateId));
        Assert.Single(due, u => u.ChatId == 8);
        Assert.Equal(502, inbox.Offset);
    }

    [Fact]
    public void Due_HoldsBackAChatWhoseOldestUpdateWaitsForARetry_KeepingItsOrder()
    {
        using var temp = new TempFolder();
        using var inbox = new TelegramInbox(temp.Combine("inbox.db"));
        inbox.StoreBatch([(1, 7L, "{}"), (2, 7L, "{}"), (3, 8L, "{}")], Now);
        inbox.ScheduleRetry(1, 1, Now.AddSeconds(4));

        Assert.Equal([3], inbox.Due(Now).Select(u => u.UpdateId));
        Assert.Equal([1, 2, 3], inbox.Due(Now.AddSeconds(5)).Select(u => u.UpdateId));
        inbox.MarkDone(1);
        Assert.Equal([2, 3], inbox.Due(Now).Select(u => u.UpdateId));
    }

    [Fact]
    public void IsDue_SeesTheHandledMark_AtOnce_AndAScheduledRetryOnlyWhenItIsDue()
    {
        using var temp = new TempFolder();
        using var inbox = new TelegramInbox(temp.Combine("inbox.db"));
        inbox.StoreBatch([(1, 7L, "{}"), (2, 8L, "{}")], Now);
        var due = inbox.Due(Now); // the dispatcher's list, read before the chat task below finishes
        inbox.MarkDone(1);

        Assert.Equal([1, 2], due.Select(u => u.UpdateId));
        Assert.False(inbox.IsDue(1, Now)); // handled since the list was read: not handled twice
        Assert.True(inbox.IsDue(2, Now));
        inbox.ScheduleRetry(2, 1, Now.AddSeconds(4));
        Assert.False(inbox.IsDue(2, Now));
        Assert.True(inbox.IsDue(2, Now.AddSeconds(5)));
    }
}
