using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Answering;

/// <summary>
/// An OpenAI-compatible API on 127.0.0.1 for end-to-end tests: chat completions (JSON, or SSE when the request asks to
/// stream) and embeddings, each answered by a script; every request is recorded.
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    public const string ApiKey = "sk-CANARY-openai-7f3e9a1c5b2d4e6f";

    private readonly HttpListener listener;
    private readonly Task loop;

    public FakeOpenAi()
    {
        listener = LoopbackListener.Start(out var port);
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        loop = Task.Run(() => LoopbackListener.AcceptAsync(listener, HandleAsync));
    }

    public string BaseUrl { get; }

    /// <summary>How chat completions are answered: the request in, the reply out. Default: a cited Kazakh answer.</summary>
    public Func<JsonObject, Reply> Chat { get; set; } = _ => Completion("Түрксіб құрылысының бастығы В.С. Шатов болды [1].");

    /// <summary>When false, /v1/embeddings and /api/embed answer 500 (the provider is down).</summary>
    public bool EmbeddingsUp { get; set; } = true;

    public ConcurrentQueue<(string Path, JsonObject Body, string? Authorization)> Requests { get; } = new();

    /// <summary>
    /// A deterministic stand-in for an embedding model: letters' trigrams hashed into 64 dimensions, so that texts
    /// sharing words get similar vectors.
    /// </summary>
    public static float[] Vector(string text)
    {
        var vector = new float[64];
        var letters = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());
        foreach (var word in letters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = $" {word} ";
            for (int i = 0; i + 3 <= padded.Length; i++) vector[(int)((uint)padded.Substring(i, 3).GetHashCode(StringComparison.Ordinal) % 64)] += 1;
        }

        return vector;
    }

    public IEnumerable<JsonObject> ChatRequests => Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Select(r => r.Body);

    /// <summary>A normal chat completion with <paramref name="content"/> and <paramref name="finishReason"/>.</summary>
    public static Reply Completion(string? content, string finishReason = "stop") => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-test", ["object"] = "chat.completion", ["created"] = 1_760_000_000, ["model"] = "kk-test",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
    }.ToJsonString());

    private static List<string> Inputs(JsonObject request) => request["input"] switch
    {
        JsonArray array => array.Select(i => i!.GetValue<string>()).ToList(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static Reply OpenAiEmbeddings(JsonObject request) => new(200, new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray(Inputs(request).Select((text, i) => (JsonNode)new JsonObject
        {
            ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(Vector(text).Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
        }).ToArray()),
        ["model"] = request["model"]?.GetValue<string>(),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["total_tokens"] = 10 },
    }.ToJsonString());

    private static Reply OllamaEmbeddings(JsonObject request) => new(200, new JsonObject
    {
        ["model"] = request["model"]?.GetValue<string>(),
        ["embeddings"] = new JsonArray(Inputs(request).Select(text => (JsonNode)new JsonArray(Vector(text).Select(v => (JsonNode)JsonValue.Create(v)).ToArray())).ToArray()),
    }.ToJsonString());

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var json = JsonNode.Parse(body.Length > 0 ? body : "{}")!.AsObject();
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue((path, json, context.Request.Headers["Authorization"]));
            var reply = path switch
            {
                _ when path.EndsWith("/chat/completions", StringComparison.Ordinal) => Chat(json),
                _ when !EmbeddingsUp && (path.EndsWith("/embeddings", StringComparison.Ordinal) || path == "/api/embed") =>
                    new Reply(500, """{"error":{"message":"the embedding model is not loaded","type":"server_error"}}"""),
                _ when path.EndsWith("/embeddings", StringComparison.Ordinal) => OpenAiEmbeddings(json),
                "/api/embed" => OllamaEmbeddings(json),
                _ => new Reply(404, """{"error":{"message":"not found","type":"invalid_request_error"}}"""),
            };
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
            if (reply.Events is { } events)
            {
                context.Response.StatusCode = reply.Status;
                context.Response.ContentType = reply.ContentType;
                context.Response.SendChunked = true;
                foreach (var data in events)
                {
                    await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"));
                    await context.Response.OutputStream.FlushAsync();
                    await Task.Delay(reply.EventDelay);
                }

                context.Response.Close();
                return;
            }

            await LoopbackListener.WriteAsync(context, reply.Status, reply.Body, reply.ContentType);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    public async ValueTask DisposeAsync()
    {
        LoopbackListener.Close(listener);
        await loop;
    }

    /// <summary>
    /// A streamed chat completion (SSE): <paramref name="content"/> in pieces of <paramref name="piece"/> characters,
    /// one every <paramref name="every"/>, then the finish reason and [DONE].
    /// </summary>
    public static Reply Stream(string content, int piece, TimeSpan every, string finishReason = "stop")
    {
        var events = new List<string>();
        for (int i = 0; i < content.Length; i += piece) events.Add(Chunk(new JsonObject { ["content"] = content.Substring(i, Math.Min(piece, content.Length - i)) }, null));
        events.Add(Chunk(new JsonObject(), finishReason));
        events.Add("[DONE]");
        return new Reply(200, "", "text/event-stream") { Events = events, EventDelay = every };

        static string Chunk(JsonObject delta, string? finish) => new JsonObject
        {
            ["id"] = "chatcmpl-stream", ["object"] = "chat.completion.chunk", ["created"] = 1_760_000_000, ["model"] = "kk-test",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        }.ToJsonString();
    }

    /// <summary>A scripted reply: status, body, and how long to wait before sending it; or server-sent events, one per delay.</summary>
    public sealed record Reply(int Status, string Body, string ContentType = "application/json")
    {
        public TimeSpan Delay { get; init; }

        public IReadOnlyList<string>? Events { get; init; }

        public TimeSpan EventDelay { get; init; }
    }
}
