using System.Text;
using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>
/// What users really send: each odd message is answered, capped or refused in Kazakh, every reply passes Telegram's
/// HTML rules, and the bot keeps answering everyone else.
/// </summary>
public sealed class BadInputTests
{
    private const string Turksib = "Түрксіб құрылысының бастығы кім болды?";
    private const string NotFound = "Құжаттардан бұл сұраққа жауап табылмады.";
    private const string EmptyQuestion = "Сұрағыңызды мәтінмен жазыңыз.";

    /// <summary>(name, message text, what the reply must contain)</summary>
    public static readonly (string Name, string Text, string[] Expect)[] Cases =
    [
        ("emoji only", "🤔🤔🙂‍↔️👍🏽", [EmptyQuestion]),
        ("punctuation only", "?!… ???", [EmptyQuestion]),
        ("invisible characters only", "\u200B\u200D\u2060\u202E\u202C\uFEFF", [EmptyQuestion]),
        ("5,000 characters", string.Concat(Enumerable.Repeat(Turksib + " ", 130))[..5000], ["Шатов", "Сұрақ тым ұзын: алғашқы 1000 таңба ғана қаралды."]),
        ("NFD", "Сайқын ауылы қай ауданның орталығы?".Normalize(NormalizationForm.FormD), ["Бөкей ордасы"]),
        ("Latin homoglyphs", "Түрксiб құрылысының бaстығы кiм бoлды?", ["Шатов"]), // Latin i, a, o
        ("right-to-left override", "\u202E" + Turksib + "\u202C", ["Шатов"]),
        ("control characters", "Түрксіб\u0000 құрылысының\u0007 бастығы\u001B кім\u007F болды?", ["Шатов"]),
        ("only HTML tags", "<b></b><i><script>alert(1)</script></i><a href=\"tg://user?id=1\"></a>", [NotFound]),
        ("HTML around a question", "<b>" + Turksib + "</b> &amp; <u>?</u>", ["Шатов"]),
    ];

    [Fact]
    public async Task OddMessages_AreAnsweredCappedOrRefusedInKazakh_AndTheBotStaysUp()
    {
        await using var bot = await BotUnderTest.StartAsync();
        for (int i = 0; i < Cases.Length; i++) bot.Api.Enqueue(Updates.PrivateText(3000 + i, Cases[i].Text));
        await bot.Api.WaitForAsync(s => Enumerable.Range(0, Cases.Length).All(i => s.Any(m => m.ChatId == 3000 + i)),
            TimeSpan.FromSeconds(60), "a reply to every odd message");
        await bot.WaitUntilHandledAsync(TimeSpan.FromSeconds(30));
        var sent = bot.Api.Accepted;
        for (int i = 0; i < Cases.Length; i++)
        {
            var (name, _, expect) = Cases[i];
            var reply = Assert.Single(sent, m => m.ChatId == 3000 + i);
            foreach (var part in expect) Assert.True(reply.Text.Contains(part, StringComparison.Ordinal), $"{name}: '{part}' not in the reply:\n{reply.Text}");
            Assert.DoesNotContain("<script", reply.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("tg://", reply.Raw, StringComparison.Ordinal);
        }

        Assert.True(bot.IsRunning);
        bot.AssertTokenNeverLeaked();
    }

    [Fact]
    public async Task AThousandMessagesAtOnceFromOneUser_TenAnswersOneNotice_OthersStillServedPromptly()
    {
        await using var bot = await BotUnderTest.StartAsync();
        const long flooder = 4001;
        for (int i = 0; i < 1000; i++) bot.Api.Enqueue(Updates.PrivateText(flooder, i % 2 == 0 ? Turksib : "🤔"));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == flooder), TimeSpan.FromSeconds(30), "the flooder's first reply");

        // Another user asks while the flood is being worked through: answered within seconds, not after it.
        var asked = DateTimeOffset.UtcNow;
        bot.Api.Enqueue(Updates.PrivateText(4002, "Сайқын ауылы қай ауданның орталығы?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 4002), TimeSpan.FromSeconds(30), "the other user's answer");
        var other = sent.Single(m => m.ChatId == 4002);
        Assert.Contains("Бөкей ордасы", other.Text);
        Assert.True(other.At - asked < TimeSpan.FromSeconds(10), $"the other user waited {(other.At - asked).TotalSeconds:0.0} s");
        TestContext.Current.TestOutputHelper?.WriteLine($"during a 1,000-message flood another user was answered in {(other.At - asked).TotalMilliseconds:0} ms");

        // The whole flood is worked off: the inbox has nothing pending, and the flooder got ten replies and one notice.
        await bot.WaitUntilHandledAsync(TimeSpan.FromSeconds(60));
        var flood = bot.Api.Accepted.Where(m => m.ChatId == flooder).ToList();
        Assert.Equal(11, flood.Count);
        Assert.Equal(1, flood.Count(m => m.Text == "Сұраныс тым көп, біраз күте тұрыңыз."));
        Assert.True(bot.IsRunning);
        bot.AssertTokenNeverLeaked();
    }
}
