using Bot.Retrieval.Evaluation;
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
    }
}
