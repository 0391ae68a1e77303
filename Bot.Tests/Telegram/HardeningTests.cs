using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Bot.Tests.Telegram;

/// <summary>
/// What an adversarial run against the real host found (issue 15): an update the client cannot decode, one chat's 429
/// or pacing holding every chat. Each test drives the real process against the fake Bot API.
/// </summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task UpdatesTheClientCannotDecode_AreSetAside_AndEveryOtherUpdateIsAnswered()
    {
        await using var bot = await BotUnderTest.StartAsync();
        const string Secret = "Құпия сөз 4417";

        // Kinds Telegram may add, and fields the library cannot read: each in the same batch as real questions.
        var futureEntity = Updates.PrivateText(951, "Түрксіб құрылысының бастығы кім болды?");
        futureEntity["message"]!["entities"] = new JsonArray(new JsonObject { ["type"] = "future_kind", ["offset"] = 0, ["length"] = 6 });
        var futureChat = Updates.PrivateText(952, Secret);
        futureChat["message"]!["chat"]!["type"] = "future_chat";
        var dateAsText = Updates.PrivateText(953, Secret);
        dateAsText["message"]!["date"] = "yesterday";
        var hugeId = Updates.PrivateText(954, Secret);
        hugeId["message"]!["from"]!["id"] = JsonNode.Parse("99999999999999999999");
        var noChat = Updates.PrivateText(955, Secret);
        noChat["message"]!.AsObject().Remove("chat");

        var poisoned = new[] { dateAsText, hugeId, noChat }.Select(bot.Api.Enqueue).ToList();
        bot.Api.Enqueue(futureEntity);
        bot.Api.Enqueue(futureChat);
        bot.Api.Enqueue(Updates.PrivateText(956, "Наубайханада күніне қанша қалаш пісіріледі?"));

        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 951) && s.Any(m => m.ChatId == 956), TimeSpan.FromSeconds(30),
            "the answers beside the poisoned updates");
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 951).Text);
        Assert.Contains("600", sent.Single(m => m.ChatId == 956).Text);

        // Each poisoned update: one line with its id and the field, never the text; the offset moved past all of them.
        await bot.WaitForLogAsync("set aside", TimeSpan.FromSeconds(10), times: poisoned.Count);
        foreach (var id in poisoned) Assert.Contains($"Update {id} set aside", bot.Output);
        Assert.Contains("$.message.date", bot.Output);
        Assert.DoesNotContain(Secret, bot.Output);
        long? lastOffset = null;
        for (int i = 0; i < 200 && !(lastOffset > poisoned.Max()); i++)
        {
            lastOffset = bot.Api.Calls("getUpdates").Last().Json["offset"]?.GetValue<long>();
            if (!(lastOffset > poisoned.Max())) await Task.Delay(50);
        }

        Assert.True(lastOffset > poisoned.Max(), $"polling stayed at offset {lastOffset}");
        Assert.DoesNotContain(sent, m => m.ChatId is 952 or 953 or 954 or 955);

        bot.Api.Enqueue(Updates.PrivateText(957, "Бірінші бесжылдық қашан басталды?"));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 957), TimeSpan.FromSeconds(30), "an answer after them");
        Assert.Contains("1928", sent.Single(m => m.ChatId == 957).Text);
    }

    [Fact]
    public async Task OneChatPausedByA429_AnotherChatIsAnsweredAtOnce()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.Script("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 6","parameters":{"retry_after":6}}""");
        bot.Api.Enqueue(Updates.PrivateText(961, "Түрксіб құрылысының бастығы кім болды?"));
        await WaitUntilAsync(() => bot.Api.Calls("sendMessage").Any(), TimeSpan.FromSeconds(30), "the first send");

        var asked = Stopwatch.StartNew();
        bot.Api.Enqueue(Updates.PrivateText(962, "Наубайханада күніне қанша қалаш пісіріледі?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 962), TimeSpan.FromSeconds(30), "the other chat's answer");
        var waited = asked.Elapsed;
        Assert.Contains("600", sent.Single(m => m.ChatId == 962).Text);
        Assert.DoesNotContain(sent, m => m.ChatId == 961); // still paused: the other answer did not wait for it
        Assert.True(waited < TimeSpan.FromSeconds(4), $"the other chat waited {waited.TotalSeconds:0.0} s behind the paused one");

        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 961), TimeSpan.FromSeconds(30), "the paused chat's answer");
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 961).Text);
    }

    [Fact]
    public async Task ABusyGroupPacedEvery3Seconds_DoesNotSlowPrivateAnswers()
    {
        await using var bot = await BotUnderTest.StartAsync();
        const long Group = -100777;
        for (int i = 0; i < 4; i++) bot.Api.Enqueue(Updates.GroupText(Group, 400 + i, "/ask Түрксіб құрылысының бастығы кім болды?"));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == Group), TimeSpan.FromSeconds(30), "the group's first answer");

        var waits = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var chat = 970 + i;
            var asked = Stopwatch.StartNew();
            bot.Api.Enqueue(Updates.PrivateText(chat, "Наубайханада күніне қанша қалаш пісіріледі?"));
            await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == chat), TimeSpan.FromSeconds(30), "a private answer");
            waits.Add(asked.Elapsed.TotalSeconds);
        }

        var groupAnswers = bot.Api.Accepted.Where(m => m.ChatId == Group).ToList();
        Assert.True(groupAnswers.Count < 4, "the group was answered in full before the private questions: nothing was measured");
        waits.Sort();
        Assert.True(waits[1] < 1.5, $"private answers took {string.Join(", ", waits.Select(w => w.ToString("0.00")))} s while the group was paced");
    }

    [Fact]
    public async Task MarkupInAQuestion_DoesNotHideItsWords()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.Enqueue(Updates.PrivateText(991, "<script>alert(1)</script> Түрксіб темір жолының жалпы ұзындығы қанша?"));
        bot.Api.Enqueue(Updates.GroupText(-100991, 992, "/ask <b>Түрксіб</b> құрылысының <i>бастығы</i> кім болды?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 991) && s.Any(m => m.ChatId == -100991), TimeSpan.FromSeconds(30), "both answers");
        Assert.Contains("1445", sent.Single(m => m.ChatId == 991).Text);
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == -100991).Text);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"waited {timeout} for {what}");
            await Task.Delay(25);
        }
    }
}
