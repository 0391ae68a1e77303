using Bot.Host.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

/// <summary>A conversation's turns on a clock the test moves: kept for half an hour, the last three only.</summary>
public sealed class ConversationMemoryTests
{
    [Fact]
    public void Turns_AreForgottenHalfAnHourAfterTheyWereSaid_AndOnlyTheLastThreeAreKept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var memory = new ConversationMemory(clock);
        memory.Remember(["chat:1"], "Түрксіб қашан салынды?", "1927–1930 жылдары [1].");
        clock.Advance(TimeSpan.FromMinutes(10));
        memory.Remember(["chat:1"], "Оның ұзындығы қанша?", "1445 километр [1].");

        clock.Advance(TimeSpan.FromMinutes(19.9)); // the first turn is 29.9 minutes old
        Assert.Equal(2, memory.History("chat:1").Count);
        clock.Advance(TimeSpan.FromMinutes(0.1)); // 30 minutes: the first goes, the second stays
        Assert.Equal(["Оның ұзындығы қанша?"], memory.History("chat:1").Select(t => t.Question));
        Assert.Empty(memory.History("chat:2"));
        Assert.Empty(memory.History(null));

        foreach (var q in new[] { "бір?", "екі?", "үш?" }) memory.Remember(["chat:1"], q, "…");
        Assert.Equal(["бір?", "екі?", "үш?"], memory.History("chat:1").Select(t => t.Question));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(memory.History("chat:1"));
    }

    [Fact]
    public void PastFiftyThousandConversations_TheExpiredAreDropped_AndTheFreshKept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var memory = new ConversationMemory(clock);
        for (int i = 0; i < 50_000; i++) memory.Remember([$"old:{i}"], "сұрақ?", "жауап.");
        clock.Advance(TimeSpan.FromMinutes(31));
        memory.Remember(["fresh:1"], "Жаңа сұрақ?", "Жауап."); // the 50,001st
        clock.Advance(TimeSpan.FromMinutes(1));
        memory.Remember(["fresh:2"], "Тағы бір сұрақ?", "Жауап.");
        // The second Remember found more than 50,000 conversations and pruned the expired ones, not the fresh one
        // (clearing them all would have lost it).
        Assert.Single(memory.History("fresh:1"));
        Assert.Single(memory.History("fresh:2"));
    }
}
