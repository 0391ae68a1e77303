using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>
/// How often a kill -9 inside a wave of sends repeats a reply: the window from a send Telegram accepted to the commit
/// that marks its update handled. A measurement, not a pass/fail target: it runs only when KILL_WINDOW_RUNS is set
/// (e.g. 12) and prints what it saw; the exactly-once rule itself is KilledMidBatch_AfterRestart_EveryUpdateAnsweredExactlyOnce.
/// </summary>
public sealed class KillWindowMeasurement
{
    [Fact]
    public async Task KillsInsideAWaveOfSends_RepeatedReplies()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("KILL_WINDOW_RUNS"), out var runs) || runs <= 0)
            Assert.Skip("a measurement: set KILL_WINDOW_RUNS (e.g. 12) to run it");
        string[] questions =
        [
            "Түрксіб құрылысының бастығы кім болды?", "Наубайханада күніне қанша қалаш пісіріледі?", "Бірінші бесжылдық қашан басталды?",
            "Түрксіб темір жолының жалпы ұзындығы қанша?", "Сайқын ауылы қай ауданның орталығы?", "Қанша мастер-план әзірленді?",
        ];
        var output = TestContext.Current.TestOutputHelper!;
        await using var bot = await BotUnderTest.StartChildProcessAsync();
        var random = new Random(15);
        int repeated = 0, killsWithRepeat = 0, acceptedBeforeKills = 0;
        var gaps = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            long first = 100_000 + run * 100;
            var chats = Enumerable.Range(0, 24).Select(i => first + i).ToList();
            var before = bot.Api.Accepted.Count;
            // Half the wave first; the other half arrives as the replies go out, so batches are stored (and committed)
            // while replies are being marked handled, as in production.
            foreach (var (chat, i) in chats.Take(12).Select((c, i) => (c, i))) bot.Api.Enqueue(Updates.PrivateText(chat, questions[i % questions.Length]));
            await bot.Api.WaitForAsync(s => s.Count > before, TimeSpan.FromSeconds(30), "the wave's first reply");
            foreach (var (chat, i) in chats.Skip(12).Select((c, i) => (c, i)))
            {
                bot.Api.Enqueue(Updates.PrivateText(chat, questions[i % questions.Length]));
                await Task.Delay(random.Next(0, 8));
            }

            await Task.Delay(random.Next(0, 40));
            var killedAt = DateTimeOffset.UtcNow;
            bot.Kill();
            var accepted = bot.Api.Accepted.Where(m => chats.Contains(m.ChatId)).ToList();
            acceptedBeforeKills += accepted.Count;
            var pendingAtKill = TelegramFaultTests.PendingChats(bot.InboxPath).ToHashSet();
            var sentAtKill = bot.Api.Calls("sendMessage").Select(c => c.Json["chat_id"]!.GetValue<long>()).Where(chats.Contains).ToList();

            await bot.StartHostAsync();
            await bot.Api.WaitForAsync(s => chats.All(c => s.Any(m => m.ChatId == c)), TimeSpan.FromSeconds(60), "every chat of the wave answered");
            await Task.Delay(1000);
            var twice = bot.Api.Accepted.Where(m => chats.Contains(m.ChatId)).GroupBy(m => m.ChatId).Where(g => g.Count() > 1).ToList();
            repeated += twice.Count;
            if (twice.Count > 0) killsWithRepeat++;
            foreach (var g in twice) gaps.Add((killedAt - g.First().At).TotalMilliseconds);
            if (Environment.GetEnvironmentVariable("KILL_WINDOW_DEBUG") is not null)
                foreach (var g in twice)
                    output.WriteLine($"  chat {g.Key}: pending at kill {pendingAtKill.Contains(g.Key)}, sends requested before kill {sentAtKill.Count(c => c == g.Key)}, accepted at {string.Join(", ", g.Select(m => $"{(m.At - killedAt).TotalMilliseconds:0}"))} ms after the kill");
            output.WriteLine($"kill {run + 1}: {accepted.Count} replies accepted before it, {twice.Count} repeated after the restart" +
                             (twice.Count > 0 ? $" (accepted {string.Join(", ", twice.Select(g => $"{(killedAt - g.First().At).TotalMilliseconds:0}"))} ms before the kill)" : ""));
        }

        output.WriteLine($"{killsWithRepeat} of {runs} kills repeated a reply; {repeated} repeated of {acceptedBeforeKills} accepted before the kills" +
                         (gaps.Count > 0 ? $"; accepted {gaps.Min():0}-{gaps.Max():0} ms before the kill" : ""));
    }
}
