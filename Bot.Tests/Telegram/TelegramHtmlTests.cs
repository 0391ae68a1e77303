using Bot.Host.Chat;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;
using Bot.Host.Telegram.Sending;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Tests.Telegram;

public sealed class TelegramHtmlTests
{
    [Fact]
    public void Render_TenThousandCharacters_SplitIntoMessagesTelegramAccepts_InOrder()
    {
        var sentences = Enumerable.Range(1, 400).Select(i => $"Сөйлем {i}: <b>белгі</b> & «тырнақша» 🙂 Түрксіб.").ToList();
        var text = string.Join(" ", sentences);
        Assert.True(text.Length > 10_000);
        var blocks = new List<TelegramHtml.Block> { new(text), new("Дереккөздер:", Bold: true), new("[1] Құжат — бөлім, ¶ 3", Separator: "\n") };

        var messages = TelegramHtml.Render(blocks);
        Assert.True(messages.Count >= 3);
        var visible = new List<string>();
        foreach (var m in messages)
        {
            Assert.Null(TelegramHtmlRules.Check(m.Html, out var shown));
            Assert.True(shown.Length <= 4096);
            Assert.Equal(m.Plain, shown);
            visible.Add(shown);
        }

        // Nothing lost, nothing reordered, and cuts fall between sentences.
        var joined = string.Join(" ", visible).Replace("\n", " ");
        Assert.Equal(text, joined[..text.Length]);
        Assert.All(visible.SkipLast(1), v => Assert.Matches(@"[.!?…]$", v.TrimEnd()));
    }

    [Fact]
    public void Render_OneUnbrokenRunLongerThanAMessage_StillSplitsAndKeepsSurrogatePairs()
    {
        var text = string.Concat(Enumerable.Repeat("🙂", 3000)); // 6000 UTF-16 units, no spaces
        var messages = TelegramHtml.Render([new TelegramHtml.Block(text, Bold: true)]);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Null(TelegramHtmlRules.Check(m.Html, out _)));
        Assert.Equal(text, string.Concat(messages.Select(m => m.Plain)));
    }

    [Fact]
    public void NotFound_WithTheClosestSentence_SaysItIsNoAnswer_AndCitesIt()
    {
        var citation = new Citation(1, "turksib", "turksib#3", "Түрксіб", "Құрылыс", default, "… Айнабұлақ станциясында түйісіп …", 0.6);
        var answer = Answer.NotFound(SearchResult.Empty(new KazakhAnalyzer().Analyze("Екі бөлігі қай жерде қосылды?")))
            with { Nearest = new NearestPassage("Бөліктері Айнабұлақ станциясында түйісті [1].", citation) };
        var result = new AnswerResult(answer, 1, 1, false);

        var plain = TelegramHtml.Render(TelegramHtml.Answer(result, 1000)).Single().Plain;
        Assert.StartsWith(Messages.NotFound + "\n\n" + Messages.Nearest + "\nБөліктері Айнабұлақ станциясында түйісті [1].", plain);
        Assert.Contains(Messages.SourceLine(citation), plain);
        Assert.Equal(plain.Replace("\n\n", "\n"), PlainTextAnswer.Format(result, new KnowledgeOptions()).Replace("\n\n", "\n"));

        // Without one, the message alone, as before.
        var bare = new AnswerResult(Answer.NotFound(answer.Search), 1, 1, false);
        Assert.Equal(Messages.NotFound, TelegramHtml.Render(TelegramHtml.Answer(bare, 1000)).Single().Plain);
        Assert.Equal(Messages.NotFound, PlainTextAnswer.Format(bare, new KnowledgeOptions()));
    }

    [Theory]
    [InlineData("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d")]
    [InlineData("</b><a href=\"tg://x\">", "&lt;/b&gt;&lt;a href=&quot;tg://x&quot;&gt;")]
    [InlineData("&nbsp; <<Title>>", "&amp;nbsp; &lt;&lt;Title&gt;&gt;")]
    public void Escape_MakesTextLiteral(string text, string html)
    {
        Assert.Equal(html, TelegramHtml.Escape(text));
        Assert.Null(TelegramHtmlRules.Check(TelegramHtml.Escape(text), out var visible));
        Assert.Equal(text, visible);
    }

    [Fact]
    public async Task DocumentWithMarkupCharacters_ShownLiterally_InHtmlTelegramAccepts()
    {
        await using var bot = await BotUnderTest.StartAsync(knowledge => File.WriteAllText(Path.Combine(knowledge, "markup.txt"), """
            Белгілер туралы

            HTML белгілері туралы ереже: жазуда <b> және </b> белгілері, сондай-ақ & таңбасы мен <a href="tg://resolve">сілтеме</a> міндетті түрде экрандалады.

            Бұл ереже &nbsp; және <<Тақырып>> сияқты жазуларға да қолданылады.
            """));
        bot.Api.Enqueue(Updates.PrivateText(950, "HTML белгілері туралы ереже қандай?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 950), TimeSpan.FromSeconds(30), "the answer");
        var answer = Assert.Single(sent);
        Assert.Equal("HTML", answer.ParseMode, ignoreCase: true); // accepted as HTML, not the plain-text fallback
        Assert.Contains("<b> және </b> белгілері", answer.Text);
        Assert.Contains("<a href=\"tg://resolve\">сілтеме</a>", answer.Text);
        Assert.Contains("&lt;/b&gt;", answer.Raw);
        Assert.DoesNotContain("<a href", answer.Raw);
        Assert.Single(bot.Api.Calls("sendMessage"));
    }
}
