using Bot.Host.Telegram;
using Bot.Host.Telegram.Polling;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using global::Telegram.Bot;

namespace Bot.Tests.Telegram;

/// <summary>
/// The poller in this process against the fake Bot API, on a clock the test moves: its backoff after failures of every
/// kind is measured in fake seconds, so none of them is waited out for real.
/// </summary>
public sealed class PollerBackoffTests
{
    [Fact]
    public async Task FourFailuresOfEveryKind_BackOff1_2_4_8Seconds_ThenItPollsAgain_AndStoresTheUpdate()
    {
        await using var api = new FakeBotApi();
        using var temp = new TempFolder();
        using var inbox = new TelegramInbox(temp.Combine("t.db"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(FakeBotApi.Token, api.BaseUrl) { RetryThreshold = 0 }, http);
        var signal = new UpdateSignal();
        using var poller = new TelegramPoller(bot, inbox, new BotIdentity(), signal,
            Microsoft.Extensions.Options.Options.Create(new TelegramOptions { PollTimeoutSeconds = 1 }), new Lifetime(), clock, NullLogger<TelegramPoller>.Instance);

        api.Script("getUpdates", 502, "<html>Bad Gateway</html>");
        api.Script("getUpdates", 200, """{"ok":true,"result":[{"update_id":""");
        api.Script("getUpdates", 200, "{}");
        api.Script("getUpdates", 409, """{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request"}""");
        api.Enqueue(Updates.PrivateText(904, "Бірінші бесжылдық қашан басталды?"));
        await poller.StartAsync(CancellationToken.None);

        // Each poll is seen at the fake time the clock had reached: it cannot come before its backoff has passed there.
        var seenAt = new List<DateTimeOffset>();
        for (int step = 0; step < 4000 && seenAt.Count < 5; step++)
        {
            while (api.Calls("getUpdates").Count() > seenAt.Count) seenAt.Add(clock.GetUtcNow());
            if (seenAt.Count >= 5) break;
            clock.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(2);
        }

        // Five at least: after the fifth (a success) the poller long-polls again at once, and a slow step may see that too.
        Assert.True(seenAt.Count >= 5, $"{seenAt.Count} polls");
        for (int failure = 1; failure <= 4; failure++)
        {
            var backoff = (seenAt[failure] - seenAt[failure - 1]).TotalSeconds;
            var nominal = Math.Pow(2, failure - 1);
            Assert.True(backoff >= 0.8 * nominal - 0.05, $"after failure {failure}: polled again {backoff:0.00} s later (at least {0.8 * nominal:0.0})");
        }

        // The fifth poll succeeds: the update is stored and the dispatcher woken, and the backoff is over.
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "the dispatcher was not woken");
        Assert.Single(inbox.Due(clock.GetUtcNow()));
        await poller.StopAsync(CancellationToken.None);
    }

    private sealed class Lifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => throw new InvalidOperationException("the poller stopped the host");
    }
}
