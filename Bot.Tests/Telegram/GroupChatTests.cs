namespace Bot.Tests.Telegram;

/// <summary>Groups answer /ask, /ask@bot, a mention or a reply to the bot, and nothing else.</summary>
public sealed class GroupChatTests
{
    private const long Group = -1001234567890;

    [Fact]
    public async Task GroupRouting_AnswersOnlyWhatIsAddressedToTheBot()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var api = bot.Api;
        api.Enqueue(Updates.GroupText(Group, 11, "Сәлем бәріне! Бүгін кездесу бар ма?"));                                  // chatter
        api.Enqueue(Updates.GroupText(Group, 12, "Түрксіб темір жолының жалпы ұзындығы қанша?"));                          // a question, but not to the bot
        api.Enqueue(Updates.GroupText(Group, 13, "/ask@OtherBot Түрксіб темір жолының жалпы ұзындығы қанша?"));             // another bot's command
        api.Enqueue(Updates.GroupText(Group, 14, "/reindex"));                                                             // admin command in a group
        api.Enqueue(Updates.GroupText(Group, 15, "/ask@Kazakh_QA_Bot Түрксіб құрылысының бастығы кім болды?"));              // ours, any case
        api.Enqueue(Updates.GroupText(Group, 16, "/ask Наубайханада күніне қанша қалаш пісіріледі?"));
        var sent = await api.WaitForAsync(s => s.Count(m => m.ChatId == Group) >= 2, TimeSpan.FromSeconds(30), "two group answers");

        // The other ways to address the bot, each in a group of its own: one group's replies are paced 3.2 s apart.
        const long Mentioning = Group - 1, Replying = Group - 2, Empty = Group - 3;
        api.Enqueue(Updates.GroupText(Mentioning, 17, "@kazakh_qa_bot Балқаш зауыты КСРО-дағы мыстың қанша пайызын берді?"));  // a mention
        api.Enqueue(Updates.GroupText(Replying, 18, "Ал бірінші бесжылдық қашан басталды?", replyTo: Updates.BotMessage(Replying, 10_000))); // a reply to the bot
        api.Enqueue(Updates.GroupText(Empty, 19, "/ask"));                                                                 // nothing to ask
        await api.WaitForAsync(s => s.Count(m => m.ChatId is Mentioning or Replying or Empty) >= 3, TimeSpan.FromSeconds(30), "three more group messages");
        await bot.WaitUntilHandledAsync(TimeSpan.FromSeconds(30));
        sent = api.Accepted.Where(m => m.ChatId == Group).ToList();

        Assert.Equal(2, sent.Count);
        Assert.Contains("Шатов", sent[0].Text);
        Assert.Contains("600", sent[1].Text);
        Assert.Contains("51", Assert.Single(api.Accepted, m => m.ChatId == Mentioning).Text);
        Assert.Contains("1928", Assert.Single(api.Accepted, m => m.ChatId == Replying).Text);
        Assert.Equal("Қолданылуы: /ask сұрағыңыз (топта: /ask@kazakh_qa_bot сұрағыңыз)", Assert.Single(api.Accepted, m => m.ChatId == Empty).Text);
        // Replies quote the question they answer, and still go out if it was deleted.
        Assert.True(sent[0].Request["reply_parameters"]!["allow_sending_without_reply"]!.GetValue<bool>());
        // Groups get at most 20 messages a minute: one group's consecutive messages at least ~3 s apart.
        Assert.True((sent[1].At - sent[0].At).TotalSeconds >= 2.9, $"group messages only {(sent[1].At - sent[0].At).TotalSeconds:0.00} s apart");
        bot.AssertTokenNeverLeaked();
    }

    [Fact]
    public async Task ForumTopic_AnswerGoesToTheSameThread()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.Enqueue(Updates.GroupText(Group, 21, "/ask@kazakh_qa_bot Сайқын ауылы қай ауданның орталығы?", threadId: 42));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == Group), TimeSpan.FromSeconds(30), "the topic answer");
        var answer = Assert.Single(sent);
        Assert.Contains("Бөкей ордасы", answer.Text);
        Assert.Equal(42, answer.Request["message_thread_id"]!.GetValue<int>());
    }
}
