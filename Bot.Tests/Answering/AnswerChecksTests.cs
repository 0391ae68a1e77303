using Bot.Retrieval.Answering;

namespace Bot.Tests.Answering;

public sealed class AnswerChecksTests
{
    [Theory]
    [InlineData("Түрксіб құрылысының бастығы В.С. Шатов болды [1].", true)]
    [InlineData("Құрылыс бастығы Шатов болды [1].", true)]
    [InlineData("Начальником строительства Турксиба был В.С. Шатов [1].", false)]
    [InlineData("Балқаш заводы дал 51 процент меди СССР [1].", false)] // a Kazakh name in a Russian sentence
    [InlineData("The head of construction was V. S. Shatov [1].", false)]
    [InlineData("Turksib qurylysynyń bastyǵy Shatov boldy.", false)] // Latin Kazakh: shown to users in Cyrillic only
    public void IsKazakh(string text, bool kazakh) => Assert.Equal(kazakh, AnswerChecks.IsKazakh(text));

    [Fact]
    public void Citations_NamingNoPassage_AreRemoved_AndTheRestRenumberedInOrderOfUse()
    {
        var text = AnswerChecks.KeepValidCitations("Бірінші [3]. Екінші [1, 9]. Үшінші [7] .", 3, out var cited);
        Assert.Equal("Бірінші [3]. Екінші [1]. Үшінші.", text);
        Assert.Equal([3, 1], cited);
        Assert.Equal("Бірінші [1]. Екінші [2]. Үшінші.", AnswerChecks.Renumber(text, cited));
    }

    [Fact]
    public void Links_AreRemoved_TextStays()
    {
        Assert.Equal("Толығырақ: мына жерде және",
            AnswerChecks.StripLinks("Толығырақ: [мына жерде](https://evil.example/?q=1) және tg://resolve?domain=x."));
        Assert.Equal("Сайт: хат:", AnswerChecks.StripLinks("Сайт: www.example.kz, хат: mailto:a@b.kz"));
    }

    [Fact]
    public void SystemPromptLines_AreRecognisedInAnAnswer()
    {
        const string prompt = "Сен құжаттар бойынша сұрақтарға жауап беретін көмекшісің.\nҚысқа жаз.";
        Assert.True(AnswerChecks.LeaksPrompt("Міне: сен құжаттар бойынша сұрақтарға жауап беретін көмекшісің!", prompt));
        Assert.False(AnswerChecks.LeaksPrompt("Түрксіб бастығы Шатов [1].", prompt));
    }
}
