using System.Diagnostics;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Text;
using Bot.Tests.Support;
using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>
/// A busy half-minute: 200 questions from 50 users in 40 groups through the fake Bot API, which refuses with 429
/// what Telegram would refuse, and 20 private questions meanwhile. Every question is answered once, as a reply to it,
/// with no 429, each group's replies paced, and memory stays put. Prints p50/p95 latency, the private answers' latency
/// beside the paced groups, and peak memory (run with a detailed console logger to see them). That a group never gets
/// more than 20 messages in a minute is the limiter's schedule, proven on a moved clock (SendRateLimiterTests) rather
/// than by a real minute here.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class LoadTests
{
    private const int Groups = 40;
    private const int Users = 50;
    private const int Questions = 200;
    // Each group gets a question every 5 s, slower than its replies are paced (3.2 s): no backlog piles the groups' replies
    // into bursts near the global 30 a second (at 12 s, two runs in five drew a 429 from the fake's global limit).
    private const double EnqueueSeconds = 25;

    [Fact]
    public async Task TwoHundredQuestions_FiftyUsers_FortyGroups_EachAnsweredOnce_WithinTelegramLimits()
    {
        await using var bot = await BotUnderTest.StartChildProcessAsync();
        bot.Api.EnforceFloodLimits = true;
        var pool = EvalQuestion.ReadFile(Repo.SeedDev).Where(q => !q.Unanswerable && q.Group != "russian").ToList();

        var asked = new List<(int UpdateId, int MessageId, long ChatId, EvalQuestion Question)>();
        var privateAsked = new List<(int UpdateId, long ChatId)>();
        var memory = new List<double>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Questions; i++)
        {
            int group = i % Groups;
            long chat = -1001000000000 - group;
            long user = 90_000 + i % Users;
            var question = pool[i % pool.Count];
            var text = i % 2 == 0 ? $"/ask@{FakeBotApi.BotUsername} {question.Question}" : $"/ask {question.Question}";
            var update = Updates.GroupText(chat, user, text);
            int messageId = update["message"]!["message_id"]!.GetValue<int>();
            asked.Add((bot.Api.Enqueue(update), messageId, chat, question));
            if (i % 10 == 5)
            {
                // Private questions meanwhile: a group's pacing must not hold them.
                long privateUser = 80_000 + i;
                privateAsked.Add((bot.Api.Enqueue(Updates.PrivateText(privateUser, question.Question)), privateUser));
            }

            if (i % 10 == 0 && bot.Process!.Memory().Current is { } rss) memory.Add(rss);
            var due = TimeSpan.FromSeconds(EnqueueSeconds * (i + 1) / Questions);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
        }

        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId < 0) >= Questions, TimeSpan.FromSeconds(90), "200 group answers");
        var (current, peak) = bot.Process!.Memory();
        if (current is { } last) memory.Add(last);
        await Task.Delay(2000); // anything sent twice would arrive now
        sent = bot.Api.Accepted.Where(m => m.ChatId < 0).ToList();

        // Each question answered exactly once, in its own group, as a reply to it.
        Assert.True(Questions == sent.Count, $"{sent.Count} group replies for {Questions} questions; replied to more than once: " +
            string.Join("; ", sent.GroupBy(m => (m.ChatId, m.Request["reply_parameters"]?["message_id"]?.GetValue<int>())).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key} at {string.Join(", ", g.Select(m => m.At.ToString("HH:mm:ss.fff")))}")) +
            "\nwarnings:\n" + string.Join("\n", bot.Output.Split('\n').Where(l => l.Contains("WRN]") || l.Contains("ERR]")).Take(20)));
        var byReply = sent.GroupBy(m => (m.ChatId, m.Request["reply_parameters"]?["message_id"]?.GetValue<int>())).ToDictionary(g => g.Key, g => g.ToList());
        int hits = 0;
        var latencies = new List<double>();
        foreach (var (updateId, messageId, chat, question) in asked)
        {
            var answer = Assert.Single(byReply[(chat, messageId)]);
            if (question.Answers.Any(a => EvalText.Contains(answer.Text, a))) hits++;
            latencies.Add((answer.At - bot.Api.ServedAt[updateId]).TotalSeconds);
        }

        Assert.True(hits >= Questions * 9 / 10, $"gold answers in {hits}/{Questions}");

        // Telegram's limits were kept: never a 429, never more than 20 messages in a minute to one group.
        Assert.Equal(0, bot.Api.FloodRefusals);
        foreach (var group in sent.GroupBy(m => m.ChatId))
        {
            var times = group.Select(m => m.At).Order().ToList();
            for (int i = 0; i + 20 < times.Count; i++)
                Assert.True(times[i + 20] - times[i] >= TimeSpan.FromMinutes(1), $"group {group.Key}: 21 messages within {(times[i + 20] - times[i]).TotalSeconds:0.0} s");
        }

        // Memory: bounded, and not growing with the questions (the last sample against the middle of the run).
        Assert.NotNull(peak);
        Assert.True(peak < 1024, $"peak working set {peak:0} MB");
        var middle = memory[memory.Count / 2];
        Assert.True(memory[^1] < middle * 1.5 + 50, $"resident memory grew from {middle:0} MB mid-run to {memory[^1]:0} MB");

        latencies.Sort();
        var privateLatencies = privateAsked.Select(p => (Assert.Single(bot.Api.Accepted, m => m.ChatId == p.ChatId).At - bot.Api.ServedAt[p.UpdateId]).TotalSeconds).Order().ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"load: {Questions} questions, {Users} users, {Groups} groups in {clock.Elapsed.TotalSeconds:0} s; gold answers {hits}/{Questions}; " +
            $"update→reply p50 {latencies[latencies.Count / 2]:0.0} s, p95 {latencies[(int)(latencies.Count * 0.95)]:0.0} s, max {latencies[^1]:0.0} s " +
            $"(a group's replies are paced 3.2 s apart); {privateLatencies.Count} private questions meanwhile: p50 {privateLatencies[privateLatencies.Count / 2]:0.00} s, " +
            $"max {privateLatencies[^1]:0.00} s; resident memory mid-run {middle:0} MB, end {memory[^1]:0} MB, peak {peak:0} MB; 429s: {bot.Api.FloodRefusals}");
        Assert.False(bot.Process.HasExited);
        bot.AssertTokenNeverLeaked();
    }
}

/// <summary>
/// The load test runs on its own. Beside the other tests on two cores its sends, let go 34 ms apart, can still reach the
/// fake bunched in transit, past its 30 a second (one run in six drew a 429 when it ran in parallel); alone, its
/// latency figures also measure the bot and not the neighbours. (One CI run counted a reply twice; the cause was the
/// dispatcher handling an update again from a list read a moment before it was marked handled, fixed in
/// UpdateDispatcher.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load, alone";
}
