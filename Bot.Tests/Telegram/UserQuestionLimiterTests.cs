using Bot.Host.Telegram.Handling;
using Microsoft.Extensions.Time.Testing;
using Verdict = Bot.Host.Telegram.Handling.UserQuestionLimiter.Verdict;

namespace Bot.Tests.Telegram;

/// <summary>The per-user question limit, on a clock the test moves: no real minute passes.</summary>
public sealed class UserQuestionLimiterTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void OverTheLimit_ToldOnce_ThenSilent_UntilTheWindowSlides()
    {
        var limiter = new UserQuestionLimiter(clock, perMinute: 3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Verdict.Allowed, limiter.Check(7));
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(Verdict.WarnOnce, limiter.Check(7));
        Assert.Equal(Verdict.Silent, limiter.Check(7));
        Assert.Equal(Verdict.Allowed, limiter.Check(8)); // another user is not held

        // 60 s after the first question one slot frees: the window slides, it does not reset.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Verdict.Allowed, limiter.Check(7));
        Assert.Equal(Verdict.Silent, limiter.Check(7)); // told once this window already
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(Verdict.Allowed, limiter.Check(7));
    }

    [Fact]
    public void ACrowdPastTheTrackedUsers_ForgetsOnlyThoseWhoseWindowPassed()
    {
        var limiter = new UserQuestionLimiter(clock, perMinute: 2);
        Assert.Equal(Verdict.Allowed, limiter.Check(1));
        Assert.Equal(Verdict.Allowed, limiter.Check(1));
        clock.Advance(TimeSpan.FromSeconds(30));
        // A crowd arrives within user 1's window, past the tracked number: user 1 is still at the limit.
        for (long user = 1_000; user < 1_000 + UserQuestionLimiter.TrackedUsers; user++) limiter.Check(user);
        Assert.Equal(Verdict.WarnOnce, limiter.Check(1));

        // A minute on, the crowd's windows have passed: they are forgotten, and nobody is held for them.
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(Verdict.Allowed, limiter.Check(2));
        Assert.Equal(1, limiter.Tracked);
        Assert.Equal(Verdict.Allowed, limiter.Check(1000));
        Assert.Equal(Verdict.Allowed, limiter.Check(1));
    }
}
