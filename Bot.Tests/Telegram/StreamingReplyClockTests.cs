using Bot.Host.Telegram;
using Bot.Host.Telegram.Sending;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using global::Telegram.Bot;

namespace Bot.Tests.Telegram;

/// <summary>
/// A streamed answer in this process against the fake Bot API, on a clock the test moves: the message is edited at most
/// once an interval however fast the model writes, and the final answer waits out the rest of the interval.
/// </summary>
public sealed class StreamingReplyClockTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task PartialsInsideTheInterval_AreNotShown_AndTheFinalEditWaitsOutTheInterval()
    {
        await using var api = new FakeBotApi();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(FakeBotApi.Token, api.BaseUrl) { RetryThreshold = 0 }, http);
        var sender = new TelegramSender(bot, new SendRateLimiter(clock), Microsoft.Extensions.Options.Options.Create(new TelegramOptions()), clock,
            NullLogger<TelegramSender>.Instance);
        var reply = new StreamingReply(bot, sender, new TelegramSender.Target(42, IsGroup: false), Interval, clock, NullLogger.Instance);

        await reply.OnPartialAsync("Түрксіб"); // under twenty characters: nothing to show yet
        Assert.Empty(api.Accepted);
        await reply.OnPartialAsync("Түрксіб темір жолы 1930 жылы");
        Assert.Single(api.Accepted); // the first words are sent as a new message

        // The model writes every 100 ms: inside the interval nothing is edited, however many words arrive.
        for (int i = 0; i < 14; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await reply.OnPartialAsync("Түрксіб темір жолы 1930 жылы пайдалануға " + new string('.', i + 1));
        }

        Assert.Empty(api.Edits);
        clock.Advance(TimeSpan.FromMilliseconds(100)); // 1.5 s since the message was shown
        await reply.OnPartialAsync("Түрксіб темір жолы 1930 жылы пайдалануға берілді");
        Assert.Single(api.Edits);
        Assert.Contains("берілді …", api.Edits[0].Text);

        // The final answer 0.5 s later waits a second more, then replaces the streamed text in the same message.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var final = TelegramHtml.Render([new TelegramHtml.Block("Түрксіб темір жолы 1930 жылы пайдалануға берілді [1].")]);
        var finishing = reply.FinishAsync(final, null, CancellationToken.None);
        await Task.Delay(200, TestContext.Current.CancellationToken); // real time: an edit sent now would have arrived
        Assert.False(finishing.IsCompleted);
        Assert.Single(api.Edits);
        clock.Advance(TimeSpan.FromSeconds(1));
        var ids = await finishing.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal([api.Accepted[0].MessageId], ids!);
        Assert.Equal(2, api.Edits.Count);
        Assert.Equal("Түрксіб темір жолы 1930 жылы пайдалануға берілді [1].", api.Edits[1].Text);
        Assert.Single(api.Accepted); // never a second message
    }
}
