using Bot.Host.Answering;
using Bot.Host.Conversations;
using Bot.Retrieval.Text;
using Bot.Tests.Answering;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Telegram;

/// <summary>Follow-up questions lean on the one before: in a private chat, in a group reply thread, and through an LLM rewrite.</summary>
public sealed class FollowUpTests
{
    private const string First = "Балқаш зауыты КСРО-дағы мыстың қанша пайызын берді?";
    private const string FollowUp = "ал Шымкент зауыты ше?";

    private static readonly FollowUpResolver Resolver = new(new KazakhAnalyzer(), Options.Create(new AnsweringOptions()), NullLogger<FollowUpResolver>.Instance);

    [Theory]
    [InlineData("ал Шымкент зауыты ше?", true)]
    [InlineData("ал оның ұзындығы қанша?", true)]
    [InlineData("Ол қай жылы салынды?", true)]
    [InlineData("а когда его построили?", true)]
    [InlineData("Абай қай жылы туған?", false)]
    [InlineData("Түрксіб құрылысының бастығы кім болды?", false)]
    public void FollowUps_AreRecognised(string question, bool followUp) => Assert.Equal(followUp, FollowUpResolver.IsFollowUp(question));

    [Fact]
    public void Carry_TakesNamesAfterAPronoun_AndEveryContentWordAfterShe()
    {
        Assert.Equal("ал ол қай жылы аяқталды? Түрксіб", Resolver.Carry("ал ол қай жылы аяқталды?", "Түрксіб құрылысының бастығы кім болды?"));
        Assert.Equal("ал Шымкент зауыты ше? Балқаш КСРО-дағы мыстың пайызын берді", Resolver.Carry(FollowUp, First));
        Assert.Equal("ал қай жылы аяқталды? Түрксіб", Resolver.Carry("ал қай жылы аяқталды?", "Түрксіб құрылысының бастығы кім болды?"));
        // An "ал" question with a topic of its own keeps it: carrying "Түрксіб" pulled its search to the railway.
        Assert.Equal("Ал бірінші бесжылдық қашан басталды?", Resolver.Carry("Ал бірінші бесжылдық қашан басталды?", "Түрксіб құрылысының бастығы кім болды?"));
    }

    [Fact]
    public async Task PrivateChat_AndGroupReplyThread_FollowUpsAreAnsweredInContext_AFreshChatIsNot()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.Enqueue(Updates.PrivateText(501, First));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 501), TimeSpan.FromSeconds(30), "the first answer");
        bot.Api.Enqueue(Updates.PrivateText(501, FollowUp));
        bot.Api.Enqueue(Updates.PrivateText(502, FollowUp)); // no conversation behind it
        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 501) >= 2 && s.Any(m => m.ChatId == 502), TimeSpan.FromSeconds(30), "follow-ups");
        Assert.Contains("73,9", sent.Where(m => m.ChatId == 501).Last().Text);
        // Not answered without the conversation behind it (the sentence that came closest may follow, marked as no answer).
        Assert.StartsWith("Құжаттардан бұл сұраққа жауап табылмады.", sent.Single(m => m.ChatId == 502).Text);

        const long group = -1009000;
        bot.Api.Enqueue(Updates.GroupText(group, 601, "/ask " + First));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == group), TimeSpan.FromSeconds(30), "the group answer");
        var answer = sent.Single(m => m.ChatId == group);
        bot.Api.Enqueue(Updates.GroupText(group, 602, FollowUp, replyTo: Updates.BotMessage(group, answer.MessageId)));
        sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == group) >= 2, TimeSpan.FromSeconds(30), "the reply-thread answer");
        Assert.Contains("73,9", sent.Where(m => m.ChatId == group).Last().Text);
    }

    [Fact]
    public async Task WithAnLlm_TheModelRewritesTheFollowUp_AndTheRewrittenQuestionIsSearched()
    {
        await using var llm = new FakeOpenAi();
        const string rewritten = "Шымкент қорғасын зауыты КСРО-дағы қорғасынның қанша пайызын берді?";
        llm.Chat = request => request["messages"]![0]!["content"]!.GetValue<string>().StartsWith("Пайдаланушының соңғы сұрағын", StringComparison.Ordinal)
            ? FakeOpenAi.Completion("«" + rewritten + "»")
            : FakeOpenAi.Completion("Шымкент қорғасын зауыты КСРО-дағы қорғасынның 73,9 пайызын берді [1].");
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string?> { ["Answering__ApiKey"] = FakeOpenAi.ApiKey };
        using var host = HostProcess.Start(temp.Path, environment, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"),
            "--Answering:Provider=OpenAI", $"--Answering:Endpoint={llm.BaseUrl}", "--Answering:Model=kk-test");
        await host.Stdin.WriteLineAsync(First);
        await host.Stdin.WriteLineAsync(FollowUp);
        host.Stdin.Close();
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromMinutes(1)));

        var requests = llm.ChatRequests.ToList();
        Assert.Equal(3, requests.Count); // answer, rewrite, answer
        var transcript = requests[1]["messages"]![1]!["content"]!.GetValue<string>();
        Assert.Contains("Пайдаланушы: " + First, transcript);
        Assert.EndsWith("Соңғы сұрақ: " + FollowUp, transcript);
        Assert.EndsWith("Сұрақ: " + rewritten, requests[2]["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Contains("73,9", host.Stdout);
    }
}
