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
        var sends = Enumerable.Range(0, 30).Select(_ => (Func<Task>)(() => limiter.ReserveAsync(-100, isGroup: true, CancellationToken.None))).ToList();
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
        var sends = Enumerable.Range(100, 60).Select(chat => (Func<Task>)(() => limiter.ReserveAsync(chat, isGroup: false, CancellationToken.None))).ToList();
        var doneAt = await CompletionTimesAsync(clock, sends, TimeSpan.FromMilliseconds(10), steps: 500);

        Assert.All(doneAt, d => Assert.NotNull(d));
        Assert.InRange(doneAt.Count(d => d - start <= TimeSpan.FromSeconds(1)), 1, 31);
        Assert.True(doneAt.Max() - start >= TimeSpan.FromSeconds(59 * 0.034), $"60 sends within {(doneAt.Max() - start)!.Value.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task SendsThatWakeLateTogether_StillGoOneGlobalSlotApart()
    {
        // A stalled process (a busy machine, a long pause): the timers of nine sends fire a second late, together. Slots
        // booked ahead would all be past by then and go at once, a burst Telegram counts; they must go 34 ms apart.
        var clock = new StallingClock(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var limiter = new SendRateLimiter(clock);
        var start = clock.GetUtcNow();
        await limiter.ReserveAsync(1, isGroup: false, CancellationToken.None);
        var sends = Booked(clock, Enumerable.Range(2, 9).Select(chat => (Func<Task>)(() => limiter.ReserveAsync(chat, isGroup: false, CancellationToken.None))).ToList());

        clock.Stalled = true;
        clock.Advance(TimeSpan.FromSeconds(1));
        clock.Resume();
        for (int step = 0; step < 1000 && !sends.All(t => t.IsCompleted); step++) clock.Advance(TimeSpan.FromMilliseconds(1));
        var times = (await Task.WhenAll(sends)).Order().ToList();

        Assert.True(times[0] >= start + TimeSpan.FromSeconds(1), "a send went before the stall ended");
        for (int i = 1; i < times.Count; i++)
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(34), $"sends {i - 1} and {i} went {(times[i] - times[i - 1]).TotalMilliseconds:0} ms apart");
    }

    /// <summary>A fake clock whose timers, while stalled, fire only when <see cref="Resume"/> is called, late.</summary>
    private sealed class StallingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly FakeTimeProvider inner = new(start);
        private readonly List<Action> held = [];

        public bool Stalled { get; set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public void Advance(TimeSpan by) => inner.Advance(by);

        public void Resume()
        {
            List<Action> late;
            lock (held)
            {
                Stalled = false;
                late = [.. held];
                held.Clear();
            }

            foreach (var fire in late) fire();
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(s =>
            {
                lock (held)
                {
                    if (Stalled)
                    {
                        held.Add(() => callback(s));
                        return;
                    }
                }

                callback(s);
            }, state, dueTime, period);
    }

    // Moves the clock a step at a time once every send has booked its slot (see Booked); null for a send still waiting
    // after the last step.
    private static async Task<DateTimeOffset?[]> CompletionTimesAsync(FakeTimeProvider clock, List<Func<Task>> sends, TimeSpan step, int steps)
    {
        var timed = Booked(clock, sends);
        for (int s = 0; s < steps && !timed.All(t => t.IsCompleted); s++) clock.Advance(step);
        await Task.WhenAny(Task.WhenAll(timed), Task.Delay(TimeSpan.FromSeconds(5)));
        return [.. timed.Select(t => t.IsCompletedSuccessfully ? t.Result : (DateTimeOffset?)null)];
    }

    // Starts each send on the thread pool, where no test context captures the limiter's continuations: they then run
    // inside the fake clock's Advance, which sets the clock to each timer's due time before firing it, so every send notes
    // the exact fake time it was let go at. Returns once every send has booked its slot.
    private static List<Task<DateTimeOffset>> Booked(TimeProvider clock, List<Func<Task>> sends)
    {
        using var booked = new CountdownEvent(sends.Count);
        var timed = sends.Select(send => Task.Run(async () =>
        {
            var reserved = send();
            booked.Signal();
            await reserved;
            return clock.GetUtcNow();
        })).ToList();
        Assert.True(booked.Wait(TimeSpan.FromSeconds(30)), "the sends did not all book a slot");
        return timed;
    }
}
