using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>/start greets with what the bot knows; /help is written for who asks and where.</summary>
public sealed class StartAndHelpTests
{
    [Fact]
    public async Task Start_GreetsWithTheDocumentsAndTwoQuestionsToTry_HelpIsPerRole_LimitsFromConfiguration()
    {
        await using var bot = await BotUnderTest.StartAsync(null, "--Telegram:MaxUploadBytes=5242880", "--Telegram:UserQuestionsPerMinute=7");
        bot.Api.Enqueue(Updates.PrivateText(601, "/start"));
        var start = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 601), TimeSpan.FromSeconds(30), "the greeting")).Single(m => m.ChatId == 601).Text;
        Assert.StartsWith("Сәлеметсіз бе!", start);
        Assert.Contains("«Қазақстанды индустрияландыру»", start); // the title of the one document it holds
        Assert.Contains("• Қазақстанды индустрияландыру туралы не айтылған?", start);
        Assert.DoesNotContain("/reindex", start);

        bot.Api.Enqueue(Updates.PrivateText(601, "/help"));
        var help = (await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 601) == 2, TimeSpan.FromSeconds(30), "user help")).Last(m => m.ChatId == 601).Text;
        Assert.Contains("әр хабарлама — сұрақ", help);
        Assert.Contains("минутына 7 сұраққа", help);
        Assert.DoesNotContain("/docs", help); // not offered what would be refused
        Assert.DoesNotContain("/reindex", help);

        bot.Api.Enqueue(Updates.PrivateText(BotUnderTest.AdminId, "/help"));
        var admin = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == BotUnderTest.AdminId), TimeSpan.FromSeconds(30), "admin help")).Single(m => m.ChatId == BotUnderTest.AdminId).Text;
        Assert.Contains("/docs", admin);
        Assert.Contains("/remove", admin);
        Assert.Contains("ең көбі 5 МБ", admin); // Telegram:MaxUploadBytes, not a fixed 20 МБ

        bot.Api.Enqueue(Updates.GroupText(-100777, 602, "/help@" + FakeBotApi.BotUsername));
        var group = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == -100777), TimeSpan.FromSeconds(30), "group help")).Single(m => m.ChatId == -100777).Text;
        Assert.Contains("/ask", group);
        Assert.DoesNotContain("/docs", group);
    }

    [Fact]
    public async Task Start_OffersTheConfiguredExampleQuestions()
    {
        await using var bot = await BotUnderTest.StartAsync(null,
            "--Telegram:ExampleQuestions:0=Түрксіб темір жолының жалпы ұзындығы қанша?", "--Telegram:ExampleQuestions:1=Түрксіб құрылысының бастығы кім болды?");
        bot.Api.Enqueue(Updates.GroupText(-100778, 603, "/start@" + FakeBotApi.BotUsername));
        var start = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == -100778), TimeSpan.FromSeconds(30), "the greeting")).Single(m => m.ChatId == -100778).Text;
        Assert.Contains($"• /ask@{FakeBotApi.BotUsername} Түрксіб темір жолының жалпы ұзындығы қанша?", start); // in a group, as it must be asked there
        Assert.Contains("Түрксіб құрылысының бастығы кім болды?", start);
    }
}

/// <summary>Docker and compose secrets: one value a file, read key-per-file, so the token need not be in the environment.</summary>
public sealed class SecretFileTests
{
    [Fact]
    public async Task TokenFromASecretFile_RunsTheBot_AndNeverLeaks()
    {
        await using var bot = BotUnderTest.Create();
        using var secretsFolder = new TempFolder(); // beside the bot's folder, which the leak check reads file by file
        var secrets = secretsFolder.Path;
        File.WriteAllText(Path.Combine(secrets, "Telegram__BotToken"), FakeBotApi.Token + "\n"); // as `echo` writes it
        bot.Environment["Telegram__BotToken"] = null;
        bot.Environment["CHATBOT_SECRETS_DIR"] = secrets;
        await bot.StartHostAsync();
        bot.Api.Enqueue(Updates.PrivateText(611, "Түрксіб темір жолының жалпы ұзындығы қанша?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 611), TimeSpan.FromSeconds(30), "an answer");
        Assert.Contains("1445", sent.Single(m => m.ChatId == 611).Text);
        bot.AssertTokenNeverLeaked();
    }
}
