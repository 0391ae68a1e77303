using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Text;
using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>Private chats through the real worker and the fake Bot API.</summary>
public sealed class PrivateChatTests
{
    [Fact]
    public async Task PrivateQuestion_AnsweredWithCitationAndSourceButton()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.Enqueue(Updates.PrivateText(501, "Түрксіб темір жолының жалпы ұзындығы қанша?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 501), TimeSpan.FromSeconds(30), "an answer");
        var answer = Assert.Single(sent, m => m.ChatId == 501);
        Assert.Equal("HTML", answer.ParseMode, ignoreCase: true);
        Assert.StartsWith("<b>1445 километрге</b>\n", answer.Raw); // the short answer first, in bold, then the sentence
        Assert.Contains("1445", answer.Text);
        Assert.Contains("Дереккөздер:", answer.Text);
        Assert.Contains("[1] Қазақстанды индустрияландыру — Түрксіб темір жолын салу", answer.Text);
        Assert.True(answer.Request["link_preview_options"]?["is_disabled"]?.GetValue<bool>());
        var button = answer.Request["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal("[1] үзінді", button["text"]!.GetValue<string>());
        Assert.Contains(bot.Api.Calls("sendChatAction"), c => c.Json["chat_id"]!.GetValue<long>() == 501);
        Assert.Contains(bot.Api.Calls("setMyCommands"), c => c.Json["commands"]!.AsArray()
            .Any(x => x!["command"]!.GetValue<string>() == "ask" && x["description"]!.GetValue<string>() == "Құжаттар бойынша сұрақ қою"));

        // The button shows the cited passage.
        bot.Api.Enqueue(Updates.Raw("callback_query", new()
        {
            ["id"] = "cb1", ["from"] = Updates.User(501), ["chat_instance"] = "ci", ["data"] = button["callback_data"]!.GetValue<string>(),
            ["message"] = new System.Text.Json.Nodes.JsonObject
            {
                ["message_id"] = 77, ["date"] = 1, ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = 501, ["type"] = "private" }, ["text"] = "x",
            },
        }));
        sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 501) == 2, TimeSpan.FromSeconds(30), "the passage");
        Assert.Contains("Жалпы ұзындығы 1445 километрге", sent.Last(m => m.ChatId == 501).Text);
        Assert.Contains(bot.Api.Calls("answerCallbackQuery"), c => c.Json["callback_query_id"]!.GetValue<string>() == "cb1");
        await bot.WaitForLogAsync("Health: healthy=true documents=1", TimeSpan.FromSeconds(30)); // the worker's periodic health line
        bot.AssertTokenNeverLeaked();
    }

    /// <summary>The seed-dev questions as private messages; also measures update-received to reply-sent time.</summary>
    [Fact]
    public async Task SeedDevQuestions_InPrivateChats_AnsweredOnceEach_WithTheGoldAnswers()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var questions = EvalQuestion.ReadFile(Repo.SeedDev).Where(q => !q.Unanswerable).ToList();
        // One at a time, as users ask: the time measured is one update's way through the bot, not a queue's.
        var updateIds = new List<int>();
        for (int i = 0; i < questions.Count; i++)
        {
            updateIds.Add(bot.Api.Enqueue(Updates.PrivateText(2000 + i, questions[i].Question)));
            await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 2000 + i), TimeSpan.FromSeconds(30), $"answer {i}");
        }

        await bot.WaitUntilHandledAsync(TimeSpan.FromSeconds(30));
        var sent = bot.Api.Accepted;
        int hits = 0;
        var latencies = new List<double>();
        for (int i = 0; i < questions.Count; i++)
        {
            var answer = Assert.Single(sent, m => m.ChatId == 2000 + i);
            if (questions[i].Answers.Any(a => EvalText.Contains(answer.Text, a))) hits++;
            // A Russian question is answered in Kazakh, after one line saying it was read as Russian.
            if (questions[i].Group == "russian") Assert.StartsWith("Сұрағыңыз орыс тілінде деп танылды", answer.Text);
            else Assert.DoesNotContain("орыс тілінде деп танылды", answer.Text);
            latencies.Add((answer.At - bot.Api.ServedAt[updateIds[i]]).TotalMilliseconds);
        }

        Assert.True(hits >= 24, $"gold answers in {hits}/{questions.Count} replies");
        latencies.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"update received → reply sent over {questions.Count} seed-dev questions: median {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms");
        bot.AssertTokenNeverLeaked();
    }

    [Fact]
    public async Task NonTextAndOddUpdates_DoNotCrash_AndPrivateGetsAHint()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var sticker = Updates.PrivateText(601, "x");
        sticker["message"]!.AsObject().Remove("text");
        sticker["message"]!["sticker"] = new System.Text.Json.Nodes.JsonObject { ["file_id"] = "s", ["file_unique_id"] = "s", ["type"] = "regular", ["width"] = 1, ["height"] = 1, ["is_animated"] = false, ["is_video"] = false };
        bot.Api.Enqueue(sticker);
        var edited = Updates.PrivateText(602, "Түрксіб ұзындығы?");
        bot.Api.Enqueue(Updates.Raw("edited_message", edited["message"]!.AsObject()));
        bot.Api.Enqueue(Updates.Raw("channel_post", new() { ["message_id"] = 5, ["date"] = 1, ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = -100777, ["type"] = "channel", ["title"] = "Арна" }, ["text"] = "/ask Түрксіб" }));
        bot.Api.Enqueue(Updates.Raw("my_chat_member", new() { ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = -100778, ["type"] = "group", ["title"] = "т" }, ["from"] = Updates.User(603), ["date"] = 1,
            ["old_chat_member"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "left", ["user"] = Updates.User(FakeBotApi.BotId) },
            ["new_chat_member"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "member", ["user"] = Updates.User(FakeBotApi.BotId) } }));
        bot.Api.Enqueue(Updates.Raw("some_future_update", new() { ["whatever"] = 1 }));
        bot.Api.Enqueue(Updates.PrivateText(604, "Бірінші бесжылдық қашан басталды?"));

        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 604), TimeSpan.FromSeconds(30), "the question after the odd updates");
        Assert.Contains("1928", sent.Single(m => m.ChatId == 604).Text);
        Assert.Equal("Мен мәтінмен жазылған сұрақтарға ғана жауап беремін.", Assert.Single(sent, m => m.ChatId == 601).Text);
        Assert.DoesNotContain(sent, m => m.ChatId is 602 or -100777 or -100778);
        Assert.True(bot.IsRunning);
    }

    [Fact]
    public async Task OneUserFlooding_IsToldToWaitOnce_AndOthersStillAnswered()
    {
        // A configured limit of 3 questions a minute (the default 10 meets its flood in BadInputTests): one chat's replies
        // are paced about a second apart, so fewer of them keep the test short.
        await using var bot = await BotUnderTest.StartAsync(extraArgs: ["--Telegram:UserQuestionsPerMinute=3"]);
        for (int i = 0; i < 8; i++) bot.Api.Enqueue(Updates.PrivateText(701, "Наубайханада күніне қанша қалаш пісіріледі?"));
        bot.Api.Enqueue(Updates.PrivateText(702, "Наубайханада күніне қанша қалаш пісіріледі?"));
        await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 701) >= 4 && s.Any(m => m.ChatId == 702), TimeSpan.FromSeconds(60), "3 answers and one notice");
        await bot.WaitUntilHandledAsync(TimeSpan.FromSeconds(30));
        var sent = bot.Api.Accepted;
        var flood = sent.Where(m => m.ChatId == 701).ToList();
        Assert.Equal(3, flood.Count(m => m.Text.Contains("600")));
        Assert.Equal(1, flood.Count(m => m.Text == "Сұраныс тым көп, біраз күте тұрыңыз."));
        Assert.Equal(4, flood.Count);
        Assert.Contains("600", sent.Single(m => m.ChatId == 702).Text);
        // About one message a second to one chat: 4 messages span at least ~3 seconds.
        Assert.True((flood[^1].At - flood[0].At).TotalSeconds >= 2.5, $"4 messages in {(flood[^1].At - flood[0].At).TotalSeconds:0.0} s");
    }
}
