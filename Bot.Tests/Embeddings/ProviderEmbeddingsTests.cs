using Bot.Retrieval.Index;
using Bot.Tests.Answering;
using Bot.Tests.Support;

namespace Bot.Tests.Embeddings;

/// <summary>Embeddings from an OpenAI-compatible endpoint or Ollama, through the real host against the fake server.</summary>
public sealed class ProviderEmbeddingsTests
{
    private const string Question = "Түрксіб құрылысының бастығы кім болды?";

    [Fact]
    public async Task OpenAiEmbeddings_BuildTheIndex_AModelChangeReembeds_AndAProviderDownStillAnswersLexically()
    {
        await using var server = new FakeOpenAi();
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var index = temp.Combine("i.db");
        string[] provider = ["--Embeddings:Provider=OpenAI", $"--Embeddings:Endpoint={server.BaseUrl}", "--Embeddings:Model=emb-a"];

        var first = await RunAsync(temp, ["ask", Question, "--knowledge", knowledge, "--index", index, .. provider]);
        Assert.Contains("Шатов", first.Stdout);
        Assert.Equal("openai:emb-a:default", await ModelAsync(index));
        var embedding = server.Requests.First(r => r.Path == "/v1/embeddings");
        Assert.Equal("Bearer " + FakeOpenAi.ApiKey, embedding.Authorization);
        Assert.Equal("emb-a", embedding.Body["model"]!.GetValue<string>());

        // Another model: a plain `index` says the index was built otherwise and leaves it; `index --full` re-embeds everything.
        var refused = await InProcessCli.RunAsync(temp.Path, new Dictionary<string, string?> { ["Embeddings__ApiKey"] = FakeOpenAi.ApiKey },
            ["index", "--knowledge", knowledge, "--index", index, .. provider[..2], "--Embeddings:Model=emb-b"]);
        Assert.Equal(1, refused.Code);
        Assert.Contains("embeddings openai:emb-a:default where the settings give openai:emb-b:default", refused.Stderr);
        Assert.Equal("openai:emb-a:default", await ModelAsync(index));

        await RunAsync(temp, ["index", "--full", "--knowledge", knowledge, "--index", index, .. provider[..2], "--Embeddings:Model=emb-b"]);
        Assert.Equal("openai:emb-b:default", await ModelAsync(index));

        // The provider goes down: questions are still answered, from the lexical side.
        server.EmbeddingsUp = false;
        var down = await RunAsync(temp, ["ask", Question, "--knowledge", knowledge, "--index", index, .. provider[..2], "--Embeddings:Model=emb-b"]);
        Assert.Contains("Шатов", down.Stdout);
        Assert.Contains("searched lexically only", down.Stderr);
    }

    [Fact]
    public async Task OllamaEmbeddings_BuildTheIndex_AndAnswer()
    {
        await using var server = new FakeOpenAi();
        using var temp = new TempFolder();
        var index = temp.Combine("i.db");
        var run = await RunAsync(temp, ["ask", Question, "--knowledge", temp.SeedKnowledge(), "--index", index,
            "--Embeddings:Provider=Ollama", $"--Embeddings:Endpoint={server.BaseUrl[..^3]}", "--Embeddings:Model=nomic-embed-text"]);
        Assert.Contains("Шатов", run.Stdout);
        Assert.Equal("ollama:nomic-embed-text", await ModelAsync(index));
        Assert.Contains(server.Requests, r => r.Path == "/api/embed");
    }

    private static async Task<string?> ModelAsync(string index)
    {
        using var store = new SqliteKnowledgeIndex(index);
        return (await store.ReadManifestAsync()).EmbeddingModel;
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(TempFolder temp, string[] args)
    {
        var environment = new Dictionary<string, string?> { ["Embeddings__ApiKey"] = FakeOpenAi.ApiKey };
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path, environment, args);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain(FakeOpenAi.ApiKey, stdout + stderr);
        return (stdout, stderr);
    }
}
