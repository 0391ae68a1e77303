using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Telegram;

/// <summary>👍/👎 under answers, their reasons, and the admins' /gaps, through the real worker and the fake Bot API.</summary>
public sealed class FeedbackTests
{
    private static JsonObject Press(string id, long userId, long chatId, string chatType, string data, int messageId = 77) =>
        Updates.Raw("callback_query", new()
        {
            ["id"] = id, ["from"] = Updates.User(userId), ["chat_instance"] = "ci", ["data"] = data,
            ["message"] = new JsonObject { ["message_id"] = messageId, ["date"] = 1, ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatType }, ["text"] = "x" },
        });

    private static string Acknowledgement(BotUnderTest bot, string callbackId) =>
        bot.Api.Calls("answerCallbackQuery").Last(c => c.Json["callback_query_id"]!.GetValue<string>() == callbackId).Json["text"]?.GetValue<string>() ?? "";

    private static async Task AcknowledgedAsync(BotUnderTest bot, string callbackId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!bot.Api.Calls("answerCallbackQuery").Any(c => c.Json["callback_query_id"]!.GetValue<string>() == callbackId))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"callback {callbackId} was not acknowledged");
            await Task.Delay(20);
        }
    }

    private static List<(int Vote, string? Reason, string User)> Votes(string path)
    {
        using var db = new SqliteConnection($"Data Source={path};Pooling=false");
        db.Open();
        using var read = db.CreateCommand();
        read.CommandText = "SELECT vote, reason, user_hash FROM votes ORDER BY at";
        using var row = read.ExecuteReader();
        var votes = new List<(int, string?, string)>();
        while (row.Read()) votes.Add((row.GetInt32(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetString(2)));
        return votes;
    }

    [Fact]
    public async Task Votes_AreAcknowledged_StoredOncePerUser_SurviveARestart_AndForgedOnesChangeNothing()
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        var feedbackDb = bot.Temp.Combine("data", "feedback.db");
        bot.Environment["Feedback__Path"] = feedbackDb;
        await bot.StartHostAsync();

        // A group answer: 👍 and 👎 under the source buttons, within Telegram's 64 bytes of callback data.
        bot.Api.Enqueue(Updates.GroupText(-100900, 801, "/ask Түрксіб темір жолының жалпы ұзындығы қанша?"));
        var answer = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == -100900), TimeSpan.FromSeconds(30), "the answer")).Single(m => m.ChatId == -100900);
        var votes = answer.Request["reply_markup"]!["inline_keyboard"]![1]!.AsArray();
        Assert.Equal(["👍", "👎"], votes.Select(b => b!["text"]!.GetValue<string>()));
        var up = votes[0]!["callback_data"]!.GetValue<string>();
        var down = votes[1]!["callback_data"]!.GetValue<string>();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(down) <= 64);

        bot.Api.Enqueue(Press("c1", 801, -100900, "supergroup", up));
        await AcknowledgedAsync(bot, "c1");
        Assert.Equal("Рахмет, бағаңыз сақталды.", Acknowledgement(bot, "c1"));

        // Another member's 👎 offers the three reasons; a second press of the first member changes that member's vote.
        bot.Api.Enqueue(Press("c2", 802, -100900, "supergroup", down));
        var prompt = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == -100900) == 2, TimeSpan.FromSeconds(30), "the reasons")).Last(m => m.ChatId == -100900);
        Assert.Equal("Рахмет! Жауапта не дұрыс болмады?", prompt.Text);
        var reasons = prompt.Request["reply_markup"]!["inline_keyboard"]![0]!.AsArray();
        Assert.Equal(["Жауап қате", "Толық емес", "Дереккөз қате"], reasons.Select(b => b!["text"]!.GetValue<string>()));
        bot.Api.Enqueue(Press("c3", 801, -100900, "supergroup", down));
        await AcknowledgedAsync(bot, "c3");

        // After a restart, the stored answer still takes the reason.
        bot.Kill();
        await bot.StartHostAsync();
        bot.Api.Enqueue(Press("c4", 802, -100900, "supergroup", reasons[1]!["callback_data"]!.GetValue<string>()));
        await AcknowledgedAsync(bot, "c4");
        Assert.Equal("Рахмет, ескертуіңіз сақталды: әкімші оны көреді.", Acknowledgement(bot, "c4"));

        // Forged: the same answer's button pressed from another chat, and an answer that was never made.
        bot.Api.Enqueue(Press("c5", 803, 803, "private", up));
        bot.Api.Enqueue(Press("c6", 803, -100900, "supergroup", "v:AAAAAAAAAAA:u"));
        await AcknowledgedAsync(bot, "c5");
        await AcknowledgedAsync(bot, "c6");
        Assert.Equal("Бұл жауап енді жоқ.", Acknowledgement(bot, "c5"));
        Assert.Equal("Бұл жауап енді жоқ.", Acknowledgement(bot, "c6"));

        var stored = Votes(feedbackDb);
        Assert.Equal(2, stored.Count); // one row per user and answer
        Assert.Equal([(-1, (string?)null), (-1, "incomplete")], stored.Select(v => (v.Vote, v.Reason)));
        // No raw user or chat id anywhere in the file (hex hashes may hold the digits, so only whole numbers count).
        var raw = string.Concat(new[] { feedbackDb, feedbackDb + "-wal" }.Where(File.Exists).Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("Түрксіб темір жолының жалпы ұзындығы қанша?", raw); // the question as asked is there, so the file was read
        foreach (var id in new[] { "801", "802", "100900" })
            Assert.DoesNotMatch($"(?<![0-9A-Fa-f]){id}(?![0-9A-Fa-f])", raw);

        // The admin sees it: the 👎 and its reason, and a question that found nothing.
        bot.Api.Enqueue(Updates.PrivateText(804, "Марстағы ең биік тау қалай аталады?"));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 804), TimeSpan.FromSeconds(30), "not found");
        bot.Api.Enqueue(Updates.PrivateText(BotUnderTest.AdminId, "/gaps 30"));
        var gaps = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == BotUnderTest.AdminId), TimeSpan.FromSeconds(30), "/gaps")).Single(m => m.ChatId == BotUnderTest.AdminId).Text;
        Assert.Contains("Соңғы 30 күндегі олқылықтар: 2 топ", gaps);
        Assert.Contains("«Марстағы ең биік тау қалай аталады?»", gaps);
        Assert.Contains("жауап табылмады — 1", gaps);
        Assert.Contains("👎 — 2 (толық емес: 1)", gaps);
        // Replying to the report with /teach N teaches entry N's question; a later question finds the taught answer.
        var report = bot.Api.Accepted.Single(m => m.ChatId == BotUnderTest.AdminId);
        var entry = gaps.Split('\n').First(l => l.Contains("Марстағы", StringComparison.Ordinal))[..1];
        var teach = Updates.PrivateText(BotUnderTest.AdminId, $"/teach {entry}\nМарстағы ең биік тау — Олимп тауы, биіктігі шамамен 22 километр.");
        var replied = Updates.BotMessage(BotUnderTest.AdminId, report.MessageId);
        replied["chat"] = new JsonObject { ["id"] = BotUnderTest.AdminId, ["type"] = "private", ["first_name"] = "Айгүл" };
        teach["message"]!["reply_to_message"] = replied;
        bot.Api.Enqueue(teach);
        var taught = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == BotUnderTest.AdminId) == 2, TimeSpan.FromSeconds(30), "taught")).Last(m => m.ChatId == BotUnderTest.AdminId).Text;
        Assert.Contains("«Марстағы ең биік тау қалай аталады?»", taught);
        bot.Api.Enqueue(Updates.PrivateText(804, "Марстағы ең биік тау қалай аталады?"));
        var learned = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 804) == 2, TimeSpan.FromSeconds(30), "the taught answer")).Last(m => m.ChatId == 804).Text;
        Assert.Contains("Олимп", learned);

        bot.Api.Enqueue(Updates.PrivateText(804, "/gaps"));
        var refused = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 804) == 3, TimeSpan.FromSeconds(30), "refusal")).Last(m => m.ChatId == 804).Text;
        Assert.Equal("Бұл команда тек әкімшілерге арналған.", refused);
    }

    [Fact]
    public void OldRows_ArePrunedAfterTheRetentionPeriod_WithTheirVotes()
    {
        using var temp = new TempFolder();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var path = temp.Combine("feedback.db");
        var search = new Bot.Retrieval.Search.SearchResult(new Bot.Retrieval.Text.AnalyzedQuestion("сұрақ", ["сұрақ"], ["сұра"], ["сұра"]), [], new Bot.Retrieval.Index.TermStatistics(0, new Dictionary<string, int>()), false);
        using (var store = new Bot.Host.Feedback.FeedbackStore(path, clock, retentionDays: 90))
        {
            var old = store.RecordAnswer(5, "private", "сұрақ", Bot.Retrieval.Answering.Answer.NotFound(search));
            Assert.Equal(Bot.Host.Feedback.FeedbackStore.VoteOutcome.Stored, store.Vote(old, 5, 6, -1, "wrong"));
            clock.Advance(TimeSpan.FromDays(60));
            store.RecordAnswer(5, "private", "жаңа сұрақ", Bot.Retrieval.Answering.Answer.NotFound(search));
            Assert.Equal(2, store.CountsFor(365).NotFound);
            clock.Advance(TimeSpan.FromDays(31)); // the first is 91 days old now
            Assert.Equal(1, store.Prune());
            Assert.Equal(1, store.CountsFor(365).NotFound);
            Assert.Equal(0, store.CountsFor(365).Down); // its vote went with it
            Assert.Equal(Bot.Host.Feedback.FeedbackStore.VoteOutcome.UnknownAnswer, store.Vote(old, 5, 6, 1, null));
        }

        // The salt is made once: the same user hashes the same after a reopen, so a second press still changes one vote.
        using var reopened = new Bot.Host.Feedback.FeedbackStore(path, clock, retentionDays: 90);
        var id = reopened.RecordAnswer(5, "private", "тағы", Bot.Retrieval.Answering.Answer.NotFound(search));
        Assert.Equal(Bot.Host.Feedback.FeedbackStore.VoteOutcome.Stored, reopened.Vote(id, 5, 6, 1, null));
        Assert.Equal(Bot.Host.Feedback.FeedbackStore.VoteOutcome.Changed, reopened.Vote(id, 5, 6, -1, null));
        Assert.Equal(Bot.Host.Feedback.FeedbackStore.VoteOutcome.Unchanged, reopened.Vote(id, 5, 6, -1, null));
    }

    [Fact]
    public async Task Teach_StoresTheAnswerAsADocument_ThatLaterQuestionsFindAndCite_AndRemoveTakesAway()
    {
        await using var bot = await BotUnderTest.StartAsync();
        const string question = "Ботқа сұрақты қай тілде жазуға болады?";
        bot.Api.Enqueue(Updates.PrivateText(BotUnderTest.AdminId, $"/teach {question}\nСұрақты қазақша, орысша немесе латын әрпімен жазуға болады."));
        var taught = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == BotUnderTest.AdminId), TimeSpan.FromSeconds(30), "taught")).Single(m => m.ChatId == BotUnderTest.AdminId).Text;
        Assert.StartsWith("Жауап сақталып, индекстелді (taught/", taught);
        var id = System.Text.RegularExpressions.Regex.Match(taught, @"taught/[0-9a-z-]+").Value;
        var file = Assert.Single(Directory.GetFiles(Path.Combine(bot.Knowledge, "taught"), "*.md"));
        Assert.Contains("<!-- taught by admin 1001 at ", File.ReadAllText(file));

        bot.Api.Enqueue(Updates.PrivateText(901, "Ботка сұракты кай тилде жазуга болады?")); // a Russian keyboard
        var answer = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 901), TimeSpan.FromSeconds(30), "the taught answer")).Single(m => m.ChatId == 901).Text;
        Assert.Contains("орысша немесе латын әрпімен", answer);
        Assert.Contains("[1] Әкімші жауабы — " + question, answer);
        Assert.DoesNotContain("taught by admin", answer); // the comment is not text

        bot.Api.Enqueue(Updates.PrivateText(901, "/teach Бұл не?\nБұл жауап."));
        var refused = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 901) == 2, TimeSpan.FromSeconds(30), "refusal")).Last(m => m.ChatId == 901).Text;
        Assert.Equal("Бұл команда тек әкімшілерге арналған.", refused);

        bot.Api.Enqueue(Updates.PrivateText(BotUnderTest.AdminId, "/docs"));
        var docs = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == BotUnderTest.AdminId) == 2, TimeSpan.FromSeconds(30), "/docs")).Last(m => m.ChatId == BotUnderTest.AdminId).Text;
        Assert.Contains($"Әкімші жауабы ({id})", docs);
        bot.Api.Enqueue(Updates.PrivateText(BotUnderTest.AdminId, "/remove " + id));
        await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == BotUnderTest.AdminId) == 3, TimeSpan.FromSeconds(30), "/remove");
        Assert.Empty(Directory.GetFiles(Path.Combine(bot.Knowledge, "taught"), "*.md"));
        bot.Api.Enqueue(Updates.PrivateText(901, question));
        var after = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 901) == 3, TimeSpan.FromSeconds(30), "after removal")).Last(m => m.ChatId == 901).Text;
        Assert.DoesNotContain("Әкімші жауабы", after);
    }
}
