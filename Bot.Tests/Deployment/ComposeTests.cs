using System.Text.RegularExpressions;
using Bot.Tests.Support;

namespace Bot.Tests.Deployment;

/// <summary>No Docker engine runs here, so docker-compose.yml is kept right by reading it: every key it sets is one the host reads.</summary>
public sealed partial class ComposeTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Repo.Root, "docker-compose.yml"));

    [Fact]
    public void EveryConfigurationKeyTheBotIsGiven_IsOneTheHostReads()
    {
        var known = Bot.Host.Configuration.ConfigurationCheck.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

        var keys = Lines.Select(l => EnvironmentKey().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.Replace("__", ":")).ToList();
        Assert.True(keys.Count >= 6, "the bot's environment sets its token, admins and the Qdrant index");
        foreach (var key in keys)
        {
            var withoutIndex = NumericSuffix().Replace(key, ""); // Telegram:AdminUserIds:0 is an element of AdminUserIds
            Assert.True(known.Contains(withoutIndex), $"docker-compose.yml sets {key}, which the host does not read");
        }

        Assert.Contains("Index:Provider", keys);
        Assert.Contains("Index:Qdrant:Endpoint", keys);
    }

    [Fact]
    public void Qdrant_IsPinned_Keyed_Persisted_AndHealthChecked_BeforeTheBotStarts()
    {
        var text = string.Join('\n', Lines);
        Assert.Matches(@"image: qdrant/qdrant:v\d+\.\d+\.\d+", text);
        Assert.Contains("export QDRANT__SERVICE__API_KEY=", text); // from the secret file, inside the container
        Assert.Contains("$$(cat /run/secrets/qdrant_api_key)", text);
        Assert.Contains("qdrant_storage:/qdrant/storage", text);
        Assert.Contains("healthcheck:", text);
        Assert.Contains("condition: service_healthy", text);
        Assert.DoesNotContain("ports:", text); // nothing published on the host
        Assert.DoesNotMatch(@"(?i)(token|api_?key)\s*:\s*[A-Za-z0-9]{8,}\s*$", text); // no literal secrets
    }

    [Fact]
    public void Qdrant_IsHealthyWhenReady_NotMerelyListening()
    {
        var text = string.Join('\n', Lines);
        Assert.Contains("GET /readyz", text);
        Assert.DoesNotContain(":> /dev/tcp", text);
    }

    [Fact]
    public void Bot_TakesSecretsAsFiles_KnowledgeAsAVolume_ChecksItsHealth_AndDoesNotLoopOnARejectedToken()
    {
        var text = string.Join('\n', Lines);
        var bot = text[text.IndexOf("\n  bot:", StringComparison.Ordinal)..text.IndexOf("\nsecrets:", StringComparison.Ordinal)];
        // Secrets: files mounted as /run/secrets/<configuration key>, which the host reads key-per-file.
        Assert.Contains("target: Telegram__BotToken", bot);
        Assert.Contains("target: Index__Qdrant__ApiKey", bot);
        Assert.DoesNotContain("Telegram__BotToken:", bot); // not in the environment
        Assert.DoesNotContain("ApiKey:", bot);
        Assert.Contains("file: ./secrets/telegram_bot_token", text);
        // Uploads and /remove need a writable knowledge folder that outlives the container.
        Assert.Contains("- bot_knowledge:/app/knowledge", bot);
        Assert.Contains("\n  bot_knowledge:", text[text.IndexOf("\nvolumes:", StringComparison.Ordinal)..]);
        Assert.Contains("test: [\"CMD\", \"dotnet\", \"Bot.Host.dll\", \"health\"]", bot);
        // Exit 3 (token rejected) and exit 1 (bad configuration) must not restart forever.
        Assert.Matches(@"restart: on-failure:\d+", bot);
        Assert.DoesNotContain("unless-stopped", bot);
        Assert.DoesNotContain(":-0}", bot); // no admin id 0 by default: the variable is required
        Assert.Contains("${TELEGRAM_ADMIN_ID:?", bot);
        var ignored = File.ReadAllLines(Path.Combine(Repo.Root, ".gitignore"));
        Assert.Contains("secrets/", ignored);
    }

    [GeneratedRegex(@"^\s{6}([A-Za-z]+(?:__[A-Za-z0-9]+)+):")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex(@":\d+$")]
    private static partial Regex NumericSuffix();
}
