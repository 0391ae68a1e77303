using Bot.Tests.Answering;

namespace Bot.Tests.Telegram;

/// <summary>An LLM answer streamed into Telegram: one message edited at most every ~1.5 s, then replaced by the checked answer.</summary>
public sealed class StreamingTests
{
    private const string Streamed =
        "Түрксіб темір жолының құрылысын В.С. Шатов басқарды: ол құрылыстың бастығы болып тағайындалды [1]. " +
        "Құрылыс жоспардағыдан екі жыл ерте, үш жылда аяқталды [2].";

    [Fact]
    public async Task StreamedAnswer_IsEditedInPlaceAtMostEveryInterval_ThenTheCheckedAnswerReplacesIt()
    {
        await using var llm = new FakeOpenAi();
        llm.Chat = request => request["stream"]?.GetValue<bool>() == true
            ? FakeOpenAi.Stream(request["messages"]![1]!["content"]!.GetValue<string>().Contains("Балқаш") ? "Балқаш заводы дал 51 процент меди СССР [1]." : Streamed,
                piece: 5, every: TimeSpan.FromMilliseconds(150))
            : FakeOpenAi.Completion("Балқаш заводы дал 51 процент меди СССР [1].");
        await using var bot = BotUnderTest.Create();
        bot.Environment["Answering__ApiKey"] = FakeOpenAi.ApiKey;
        await bot.StartHostAsync("--Answering:Provider=OpenAI", $"--Answering:Endpoint={llm.BaseUrl}", "--Answering:Model=kk-test",
            "--Telegram:StreamAnswers=true");

        bot.Api.Enqueue(Updates.PrivateText(801, "Түрксіб құрылысының бастығы кім болды?"));
        await bot.Api.WaitForAsync(_ => bot.Api.Edits.Any(e => e.ChatId == 801 && e.Raw.Contains("Дереккөздер")), TimeSpan.FromSeconds(30), "the final edit");
        var sent = Assert.Single(bot.Api.Accepted, m => m.ChatId == 801);
        Assert.EndsWith(" …", sent.Text); // the first piece, while the model was still writing
        var edits = bot.Api.Edits.Where(e => e.ChatId == 801).ToList();
        Assert.All(edits, e => Assert.Equal(sent.MessageId, e.MessageId));
        Assert.True(edits.Count >= 2, $"{edits.Count} edits");
        var times = new[] { sent.At }.Concat(edits.Select(e => e.At)).ToList();
        for (int i = 1; i < times.Count; i++)
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(1.4), $"edit {i} came {(times[i] - times[i - 1]).TotalSeconds:0.00} s after the one before");
        var final = edits[^1];
        Assert.Equal("html", final.ParseMode, ignoreCase: true);
        Assert.StartsWith(Streamed, final.Text);
        Assert.Contains("[1] Қазақстанды индустрияландыру", final.Text);
        Assert.NotNull(final.Request["reply_markup"]); // the source buttons come with the final answer

        // A streamed reply that fails the checks (Russian, twice) is replaced by the extractive answer.
        bot.Api.Enqueue(Updates.PrivateText(802, "Балқаш зауыты КСРО-дағы мыстың қанша пайызын берді?"));
        await bot.Api.WaitForAsync(_ => bot.Api.Edits.Any(e => e.ChatId == 802 && e.Raw.Contains("Дереккөздер")), TimeSpan.FromSeconds(30), "the replaced answer");
        var replaced = bot.Api.Edits.Last(e => e.ChatId == 802).Text;
        Assert.Contains("51", replaced);
        Assert.DoesNotContain("процент", replaced);
        Assert.Contains("The LLM answer was not used (the reply is not in Kazakh)", bot.Output);
    }
}
