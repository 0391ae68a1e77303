using Bot.Host.Telegram.Sending;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

/// <summary>Telegram's flood limits as schedules, on a fake clock: a chat's pause or pacing delays that chat only.</summary>
public sealed class SendRateLimiterTests
{
    [Fact]
    public async Task AChatPausedAfterA429_DoesNotDelayAnotherChat()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var limiter = new SendRateLimiter(clock);
        limiter.Pause(1, TimeSpan.FromSeconds(10));
        var paused = limiter.ReserveAsync(1, isGroup: false, CancellationToken.None);
        Assert.False(paused.IsCompleted);

        var other = limiter.ReserveAsync(2, isGroup: false, CancellationToken.None);
        Assert.True(other.IsCompleted, "another chat waited for the paused one");
        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(paused.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.2));
        await paused;
    }

    [Fact]
    public async Task AGroupPacedEvery3Seconds_DoesNotDelayPrivateChats()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var limiter = new SendRateLimiter(clock);
        await limiter.ReserveAsync(-100, isGroup: true, CancellationToken.None);
        var second = limiter.ReserveAsync(-100, isGroup: true, CancellationToken.None);
        var third = limiter.ReserveAsync(-100, isGroup: true, CancellationToken.None);
        Assert.False(second.IsCompleted);

        // Private answers go at the global pace (about 30 a second), not behind the group's future slots.
        var privateChat = limiter.ReserveAsync(5, isGroup: false, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(40));
        await privateChat;
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3.2));
        await second;
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3.3));
        await third;
    }

    [Fact]
    public async Task AGroupWithMoreThanTwentyReplies_NeverGetsTwentyOneInAMinute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var limiter = new SendRateLimiter(clock);
        var sends = Enumerable.Range(0, 30).Select(_ => limiter.ReserveAsync(-100, isGroup: true, CancellationToken.None)).ToList();
        var sentAt = await CompletionTimesAsync(clock, sends, TimeSpan.FromMilliseconds(100), steps: 2000);

        var times = sentAt.Select(t => Assert.NotNull(t)).Order().ToList();
        for (int i = 0; i + 20 < times.Count; i++)
            Assert.True(times[i + 20] - times[i] >= TimeSpan.FromMinutes(1), $"21 messages within {(times[i + 20] - times[i]).TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task OneChat_GetsAboutOneMessageASecond_AndAllChatsTogetherAbout30()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var limiter = new SendRateLimiter(clock);
        await limiter.ReserveAsync(1, isGroup: false, CancellationToken.None);
        var again = limiter.ReserveAsync(1, isGroup: false, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(again.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await again;

        // 60 chats at once: the global schedule spaces them 34 ms apart, never more than about 30 in a second.
        var start = clock.GetUtcNow();
        var sends = Enumerable.Range(100, 60).Select(chat => limiter.ReserveAsync(chat, isGroup: false, CancellationToken.None)).ToList();
        var doneAt = await CompletionTimesAsync(clock, sends, TimeSpan.FromMilliseconds(10), steps: 500);

        Assert.All(doneAt, d => Assert.NotNull(d));
        Assert.InRange(doneAt.Count(d => d - start <= TimeSpan.FromSeconds(1)), 1, 31);
        Assert.True(doneAt.Max() - start >= TimeSpan.FromSeconds(59 * 0.034), $"60 sends within {(doneAt.Max() - start)!.Value.TotalSeconds:0.00} s");
    }

    // Moves the clock a step at a time (a real millisecond between, for the timers' continuations) and notes the fake
    // time at which each send was seen done; null for one still waiting after the last step.
    private static async Task<DateTimeOffset?[]> CompletionTimesAsync(FakeTimeProvider clock, List<Task> sends, TimeSpan step, int steps)
    {
        var doneAt = new DateTimeOffset?[sends.Count];
        for (int s = 0; s < steps && doneAt.Any(d => d is null); s++)
        {
            for (int i = 0; i < sends.Count; i++) if (doneAt[i] is null && sends[i].IsCompleted) doneAt[i] = clock.GetUtcNow();
            clock.Advance(step);
            await Task.Delay(1);
        }

        return doneAt;
    }
}
