namespace Bot.Tests.Telegram;

/// <summary>
/// Voice questions through a fake OpenAI-compatible transcription server: what was heard is shown, then answered; every
/// failure (too long, too large, down, slow, silent, not enabled) is a Kazakh line and the bot keeps answering.
/// </summary>
public sealed class VoiceTests
{
    private static readonly byte[] VoiceBytes = [.. "OggS"u8, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))];

    private static async Task<BotUnderTest> StartWithSpeechAsync(FakeTranscriptionServer speech, int timeoutSeconds = 2)
    {
        var bot = BotUnderTest.Create();
        bot.Environment["Speech__Provider"] = "OpenAI";
        bot.Environment["Speech__Endpoint"] = speech.BaseUrl;
        bot.Environment["Speech__ApiKey"] = FakeTranscriptionServer.ApiKey;
        bot.Environment["Speech__TimeoutSeconds"] = timeoutSeconds.ToString();
        bot.Environment["Speech__MaxBytes"] = "100000";
        await bot.StartHostAsync();
        return bot;
    }

    [Fact]
    public async Task PrivateVoice_IsShownAsHeard_ThenAnswered_WithTheFileTheUserSent()
    {
        await using var speech = new FakeTranscriptionServer();
        await using var bot = await StartWithSpeechAsync(speech);
        bot.Api.AddFile("v-1", VoiceBytes);
        bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(301, ""), "v-1", seconds: 4, size: VoiceBytes.Length));
        bot.Api.Enqueue(Updates.PrivateText(302, "/help"));

        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 301) >= 2, TimeSpan.FromSeconds(30), "the transcript and the answer");
        var replies = sent.Where(m => m.ChatId == 301).Select(m => m.Text).ToList();
        Assert.Equal("🎤 Түрксіб құрылысының бастығы кім болды?", replies[0]);
        Assert.Contains("Шатов", replies[1]);
        Assert.Contains("[1]", replies[1]);
        Assert.Contains("Дауыстық хабар да жіберуге болады (ең көбі 120 секунд)", sent.Single(m => m.ChatId == 302).Text);

        var upload = Assert.Single(speech.Uploads);
        Assert.EndsWith("/v1/audio/transcriptions", upload.Path);
        Assert.Equal(VoiceBytes, upload.File);
        Assert.EndsWith(".ogg", upload.FileName); // OpenAI reads the format from the name
        Assert.Equal("whisper-1", upload.Fields["model"]);
        Assert.Equal("kk", upload.Fields["language"]);
        Assert.Equal("Bearer " + FakeTranscriptionServer.ApiKey, upload.Authorization);
        Assert.DoesNotContain(FakeTranscriptionServer.ApiKey, bot.Output);
        // The audio was a temporary file, deleted once transcribed (this class's tests run one at a time).
        Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "chatbot-voice-*"), f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task VoiceFailures_GetKazakhLines_LimitsAreCheckedBeforeDownload_AndTheBotKeepsAnswering()
    {
        await using var speech = new FakeTranscriptionServer();
        await using var bot = await StartWithSpeechAsync(speech);
        bot.Api.AddFile("v-ok", VoiceBytes);

        // Too long and too large are refused from what the update says: no getFile, no download.
        bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(311, ""), "v-long", seconds: 121, size: 5000));
        bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(312, ""), "v-big", seconds: 10, size: 100_001));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 311) && s.Any(m => m.ChatId == 312), TimeSpan.FromSeconds(30), "two refusals");
        Assert.Equal("Дауыстық хабар тым ұзақ: ең көбі 120 секунд. Қысқаша айтыңыз немесе мәтінмен жазыңыз.", bot.Api.Accepted.Single(m => m.ChatId == 311).Text);
        Assert.StartsWith("Аудиофайл тым үлкен: ең көбі", bot.Api.Accepted.Single(m => m.ChatId == 312).Text);
        Assert.DoesNotContain(bot.Api.Calls("getFile"), c => c.Json["file_id"]?.GetValue<string>() is "v-long" or "v-big");

        // The provider down, slow past Speech:TimeoutSeconds, and hearing nothing: one apology each, asking to type.
        var replies = new Queue<FakeTranscriptionServer.Reply>(
        [
            new(500, """{"error":{"message":"model crashed","type":"server_error"}}"""),
            new(200, """{"text":"кеш"}""", Delay: TimeSpan.FromSeconds(5)),
            FakeTranscriptionServer.Text("  \n "),
        ]);
        speech.Transcribe = _ => replies.TryDequeue(out var r) ? r : FakeTranscriptionServer.Text("Түрксіб құрылысының бастығы кім болды?");
        foreach (var user in new long[] { 313, 314, 315 })
        {
            bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(user, ""), "v-ok", seconds: 3, size: VoiceBytes.Length));
            await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == user), TimeSpan.FromSeconds(30), $"a reply to voice {user}");
        }

        Assert.Equal("Кешіріңіз, дауыстық хабарды қазір тани алмадым. Сұрағыңызды мәтінмен жазыңыз.", bot.Api.Accepted.Single(m => m.ChatId == 313).Text);
        Assert.Equal("Кешіріңіз, дауыстық хабарды қазір тани алмадым. Сұрағыңызды мәтінмен жазыңыз.", bot.Api.Accepted.Single(m => m.ChatId == 314).Text);
        Assert.StartsWith("Кешіріңіз, дауыстық хабардан сөз анықтай алмадым.", bot.Api.Accepted.Single(m => m.ChatId == 315).Text);
        Assert.Contains("Speech: no transcript within 2 s", bot.Output);
        Assert.Contains("HTTP 500", bot.Output);
        Assert.DoesNotContain("model crashed", bot.Output); // the provider's words are not logged

        // A file Telegram serves bigger than it said grows past the limit while it arrives: refused, not transcribed.
        bot.Api.AddFile("v-lie", new byte[150_000], reportedSize: 0);
        bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(316, ""), "v-lie", seconds: 3, size: null));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 316), TimeSpan.FromSeconds(30), "a refusal of the grown file");
        Assert.StartsWith("Аудиофайл тым үлкен", bot.Api.Accepted.Single(m => m.ChatId == 316).Text);

        // An audio file (sent as music, named .mp3) goes under its own extension; the bot still answers.
        bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(317, ""), "v-ok", seconds: 3, size: VoiceBytes.Length, kind: "audio", mime: "audio/mpeg", fileName: "сұрақ.mp3"));
        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 317) >= 2, TimeSpan.FromSeconds(30), "the audio file answered");
        Assert.Contains("Шатов", sent.Where(m => m.ChatId == 317).Last().Text);
        Assert.EndsWith(".mp3", speech.Uploads.Last().FileName);
        Assert.Equal(4, speech.Uploads.Count); // 313, 314, 315, 317: nothing else reached the provider
        Assert.DoesNotContain(FakeTranscriptionServer.ApiKey, bot.Output);
    }

    [Fact]
    public async Task InAGroup_OnlyAVoiceReplyToTheBotOrOneNamingItIsAQuestion()
    {
        await using var speech = new FakeTranscriptionServer();
        await using var bot = await StartWithSpeechAsync(speech);
        bot.Api.AddFile("v-g", VoiceBytes);
        // Each in a group of its own: one group's replies are paced 3.2 s apart.
        const long unaddressed = -100777, replying = -100778, naming = -100779;
        bot.Api.Enqueue(Updates.AsVoice(Updates.GroupText(unaddressed, 321, ""), "v-g", seconds: 3, size: VoiceBytes.Length));
        bot.Api.Enqueue(Updates.AsVoice(Updates.GroupText(replying, 322, "", replyTo: Updates.BotMessage(replying, 42)), "v-g", seconds: 3, size: VoiceBytes.Length));
        bot.Api.Enqueue(Updates.AsVoice(Updates.GroupText(naming, 323, "@" + FakeBotApi.BotUsername), "v-g", seconds: 3, size: VoiceBytes.Length));

        await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId is replying or naming) >= 4, TimeSpan.FromSeconds(30), "two transcripts and answers");
        await bot.WaitUntilHandledAsync(TimeSpan.FromSeconds(30));
        foreach (var group in new[] { replying, naming }) // a reply to the bot, and a voice note whose caption names it
        {
            var replies = bot.Api.Accepted.Where(m => m.ChatId == group).ToList();
            Assert.Equal(2, replies.Count);
            Assert.Equal("🎤 Түрксіб құрылысының бастығы кім болды?", replies[0].Text);
            Assert.Contains("Шатов", replies[1].Text);
        }

        Assert.Equal(2, speech.Uploads.Count); // the voice note nobody addressed to the bot was not transcribed
        Assert.DoesNotContain(bot.Api.Accepted, m => m.ChatId == unaddressed);
    }

    [Fact]
    public async Task WithoutAProvider_AVoiceMessageIsToldVoiceIsNotEnabled_AndNothingIsDownloaded()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.AddFile("v-off", VoiceBytes);
        bot.Api.Enqueue(Updates.AsVoice(Updates.PrivateText(331, ""), "v-off", seconds: 3, size: VoiceBytes.Length));
        bot.Api.Enqueue(Updates.PrivateText(332, "/help"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 331) && s.Any(m => m.ChatId == 332), TimeSpan.FromSeconds(30), "the voice refusal and /help");
        Assert.Equal("Дауыстық хабарларды тану бұл ботта қосылмаған. Сұрағыңызды мәтінмен жазыңыз.", sent.Single(m => m.ChatId == 331).Text);
        Assert.DoesNotContain("Дауыстық хабар да", sent.Single(m => m.ChatId == 332).Text); // /help promises voice only where it works
        Assert.Empty(bot.Api.Calls("getFile"));
    }
}
