using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>
/// A Telegram Bot API on 127.0.0.1 for end-to-end tests: a real HTTP server that hands out scripted updates through
/// long-polled getUpdates (kept until a higher offset confirms them, as Telegram does), records every request, checks
/// HTML messages by Telegram's rules, serves files, and replies with scripted failures (429, 500, garbage, 400).
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    /// <summary>A recognisable token: after a run, nothing the bot wrote may contain it.</summary>
    public const string Token = "7000001:CANARY_tok3n_9f8e7d6c5b4a3210fedcba9876543210";

    public const long BotId = 7000001;
    public const string BotUsername = "kazakh_qa_bot";

    private readonly HttpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Lock gate = new();
    private readonly List<JsonObject> updates = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<JsonObject, Reply?>>> scripts = new();
    private readonly ConcurrentDictionary<string, byte[]> files = new();
    private readonly SemaphoreSlim updatesArrived = new(0);
    private int nextUpdateId = 500;
    private int nextMessageId = 10_000;

    public FakeBotApi()
    {
        listener = LoopbackListener.Start(out var port);
        BaseUrl = $"http://127.0.0.1:{port}";
        loop = Task.Run(() => LoopbackListener.AcceptAsync(listener, HandleAsync));
    }

    public string BaseUrl { get; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>Messages Telegram accepted (sendMessage that got ok:true).</summary>
    public List<Sent> Accepted
    {
        get { lock (gate) return [.. accepted]; }
    }

    private readonly List<Sent> accepted = [];
    private readonly List<Sent> edits = [];
    private readonly Dictionary<int, string> current = [];

    /// <summary>editMessageText calls Telegram accepted, with the message they changed (<see cref="Sent.MessageId"/>).</summary>
    public List<Sent> Edits
    {
        get { lock (gate) return [.. edits]; }
    }

    /// <summary>When set, every token is refused with 401.</summary>
    public bool RejectToken { get; set; }

    /// <summary>
    /// When set, sendMessage is refused with 429 as Telegram refuses it: a group past 20 messages in a minute, or the
    /// bot past 30 messages in a second.
    /// </summary>
    public bool EnforceFloodLimits { get; set; }

    /// <summary>How many 429 replies the flood limits gave.</summary>
    public int FloodRefusals => floodRefusals;

    private int floodRefusals;

    /// <summary>A delay before answering sendMessage (for crash tests).</summary>
    public TimeSpan SendDelay { get; set; }

    /// <summary>When each update was first handed to the bot.</summary>
    public ConcurrentDictionary<int, DateTimeOffset> ServedAt { get; } = new();

    /// <summary>The ids of every update queued so far.</summary>
    public IReadOnlyList<int> EnqueuedIds
    {
        get
        {
            lock (gate) return Enumerable.Range(500, nextUpdateId - 500).ToList();
        }
    }

    public int Enqueue(JsonObject update)
    {
        lock (gate)
        {
            var id = nextUpdateId++;
            update["update_id"] = id;
            updates.Add(update);
            updatesArrived.Release();
            return id;
        }
    }

    /// <summary>The next call of <paramref name="method"/> gets this reply instead of the normal one.</summary>
    public void Script(string method, Func<JsonObject, Reply?> reply) => scripts.GetOrAdd(method, _ => new()).Enqueue(reply);

    public void Script(string method, int status, string json) => Script(method, _ => new Reply(status, json));

    public void AddFile(string fileId, byte[] content) => files[fileId] = content;

    /// <summary>A file whose getFile reports <paramref name="reportedSize"/> bytes (a lie, or 0 for none) while it serves all of <paramref name="content"/>.</summary>
    public void AddFile(string fileId, byte[] content, long reportedSize)
    {
        files[fileId] = content;
        reportedSizes[fileId] = reportedSize;
    }

    /// <summary>A file that sends its first <paramref name="bytes"/> bytes, then holds the socket open sending nothing.</summary>
    public void StallFile(string fileId, int bytes) => stallAfter[fileId] = bytes;

    private readonly ConcurrentDictionary<string, long> reportedSizes = new();
    private readonly ConcurrentDictionary<string, int> stallAfter = new();

    public IEnumerable<Recorded> Calls(string method) => Requests.Where(r => r.Method == method);

    /// <summary>Waits until <paramref name="condition"/> holds over the accepted messages.</summary>
    public async Task<List<Sent>> WaitForAsync(Func<List<Sent>, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sent = Accepted;
            if (condition(sent)) return sent;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"waited {timeout} for {what}; accepted so far:\n" + string.Join("\n", sent.Select(s => $"{s.ChatId}: {s.Text[..Math.Min(120, s.Text.Length)]}")));
            await Task.Delay(25);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            if (path.StartsWith("/file/bot", StringComparison.Ordinal))
            {
                await ServeFileAsync(context, path);
                return;
            }

            var slash = path.IndexOf('/', 1);
            var token = slash > 4 ? Uri.UnescapeDataString(path[4..slash]) : "";
            var method = slash > 0 ? path[(slash + 1)..] : "";
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var json = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonNode.Parse(body)!.AsObject() : new JsonObject();
            var record = new Recorded(method, json, body, DateTimeOffset.UtcNow);
            Requests.Enqueue(record);

            if (RejectToken || token != Token)
            {
                await WriteAsync(context, new Reply(401, """{"ok":false,"error_code":401,"description":"Unauthorized"}"""));
                return;
            }

            if (scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted) && scripted(json) is { } custom)
            {
                await WriteAsync(context, custom);
                return;
            }

            await WriteAsync(context, await NormalReplyAsync(method, json));
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the bot went away mid-request (killed): nothing to answer
        }
    }

    private async Task<Reply> NormalReplyAsync(string method, JsonObject json)
    {
        switch (method)
        {
            case "getMe":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Kazakh QA", ["username"] = BotUsername });
            case "getUpdates":
                return Ok(await GetUpdatesAsync(json));
            case "sendMessage":
                return await SendMessageAsync(json);
            case "editMessageText":
                return EditMessage(json);
            case "getFile":
                var id = json["file_id"]!.GetValue<string>();
                return files.TryGetValue(id, out var content)
                    ? Ok(new JsonObject
                    {
                        ["file_id"] = id, ["file_unique_id"] = "u" + id, ["file_path"] = "documents/" + id,
                        ["file_size"] = reportedSizes.TryGetValue(id, out var reported) ? reported > 0 ? reported : null : content.Length,
                    })
                    : new Reply(400, """{"ok":false,"error_code":400,"description":"Bad Request: invalid file_id"}""");
            default:
                return Ok(JsonValue.Create(true));
        }
    }

    private async Task<JsonArray> GetUpdatesAsync(JsonObject json)
    {
        long offset = json["offset"]?.GetValue<long>() ?? 0;
        int timeout = Math.Min(json["timeout"]?.GetValue<int>() ?? 0, 1); // hold at most a second: tests stay quick
        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
        while (true)
        {
            lock (gate)
            {
                if (offset > 0) updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset); // confirmed
                if (updates.Count > 0)
                {
                    var batch = updates.Take(100).ToList();
                    foreach (var u in batch) ServedAt.TryAdd(u["update_id"]!.GetValue<int>(), DateTimeOffset.UtcNow);
                    return new JsonArray(batch.Select(u => (JsonNode)u.DeepClone()).ToArray());
                }
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return [];
            await updatesArrived.WaitAsync(left);
        }
    }

    private async Task<Reply> SendMessageAsync(JsonObject json)
    {
        if (SendDelay > TimeSpan.Zero) await Task.Delay(SendDelay);
        var text = json["text"]?.GetValue<string>() ?? "";
        var parseMode = json["parse_mode"]?.GetValue<string>();
        if (Refusal(text, parseMode, out var visible) is { } refused) return refused;

        var chatId = json["chat_id"]!.GetValue<long>();
        int messageId;
        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (EnforceFloodLimits && FloodWait(chatId, now) is { } retryAfter)
            {
                floodRefusals++;
                return new Reply(429, JsonSerializer.Serialize(new
                {
                    ok = false, error_code = 429, description = $"Too Many Requests: retry after {retryAfter}", parameters = new { retry_after = retryAfter },
                }));
            }

            messageId = nextMessageId++;
            current[messageId] = text + "|" + json["reply_markup"]?.ToJsonString();
            accepted.Add(new Sent(chatId, visible, text, parseMode, json, DateTimeOffset.UtcNow, messageId));
        }

        return Ok(new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private" },
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Kazakh QA", ["username"] = BotUsername },
            ["text"] = visible,
        });
    }

    // Telegram's 400s for a message text: markup its parser rejects, nothing visible, over 4096 visible characters.
    private static Reply? Refusal(string text, string? parseMode, out string visible)
    {
        visible = text;
        if (string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase) && TelegramHtmlRules.Check(text, out visible) is { } error)
            return new Reply(400, JsonSerializer.Serialize(new { ok = false, error_code = 400, description = error }));
        if (visible.Trim().Length == 0) return new Reply(400, """{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}""");
        if (visible.Length > 4096) return new Reply(400, """{"ok":false,"error_code":400,"description":"Bad Request: message is too long"}""");
        return null;
    }

    private Reply EditMessage(JsonObject json)
    {
        var text = json["text"]?.GetValue<string>() ?? "";
        var parseMode = json["parse_mode"]?.GetValue<string>();
        if (Refusal(text, parseMode, out var visible) is { } refused) return refused;
        var chatId = json["chat_id"]!.GetValue<long>();
        var messageId = json["message_id"]!.GetValue<int>();
        lock (gate)
        {
            if (!current.TryGetValue(messageId, out var before))
                return new Reply(400, """{"ok":false,"error_code":400,"description":"Bad Request: message to edit not found"}""");
            var after = text + "|" + json["reply_markup"]?.ToJsonString();
            if (before == after)
                return new Reply(400, """{"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"}""");
            current[messageId] = after;
            edits.Add(new Sent(chatId, visible, text, parseMode, json, DateTimeOffset.UtcNow, messageId));
        }

        return Ok(new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private" },
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Kazakh QA", ["username"] = BotUsername },
            ["text"] = visible,
        });
    }

    // Seconds to wait when a message now would break a flood limit; null when it may go. Called under the gate.
    private int? FloodWait(long chatId, DateTimeOffset now)
    {
        var lastSecond = accepted.Count(m => m.At > now.AddSeconds(-1));
        if (lastSecond >= 30) return 1;
        if (chatId >= 0) return null;
        var lastMinute = accepted.Where(m => m.ChatId == chatId && m.At > now.AddMinutes(-1)).ToList();
        return lastMinute.Count >= 20 ? Math.Max(1, (int)Math.Ceiling((lastMinute[0].At.AddMinutes(1) - now).TotalSeconds)) : null;
    }

    private async Task ServeFileAsync(HttpListenerContext context, string path)
    {
        Requests.Enqueue(new Recorded("file", new JsonObject(), path, DateTimeOffset.UtcNow));
        var id = path[(path.LastIndexOf('/') + 1)..];
        if (!path.StartsWith($"/file/bot{Token}/", StringComparison.Ordinal) || !files.TryGetValue(id, out var content))
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentLength64 = content.Length;
        if (stallAfter.TryGetValue(id, out var sendFirst))
        {
            await context.Response.OutputStream.WriteAsync(content.AsMemory(0, Math.Min(sendFirst, content.Length)));
            await context.Response.OutputStream.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token); // hold the socket until the fake is disposed
            }
            catch (OperationCanceledException)
            {
            }

            context.Response.Abort();
            return;
        }

        await context.Response.OutputStream.WriteAsync(content);
        context.Response.Close();
    }

    private static Reply Ok(JsonNode? result) => new(200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());

    private static Task WriteAsync(HttpListenerContext context, Reply reply) => LoopbackListener.WriteAsync(context, reply.Status, reply.Json);

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        LoopbackListener.Close(listener);
        try
        {
            await loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>A scripted HTTP reply.</summary>
    public sealed record Reply(int Status, string Json);

    /// <summary>One request the bot made.</summary>
    public sealed record Recorded(string Method, JsonObject Json, string Body, DateTimeOffset At);

    /// <summary>A message Telegram accepted: its visible text, its raw text and parse mode, and the whole request.</summary>
    public sealed record Sent(long ChatId, string Text, string Raw, string? ParseMode, JsonObject Request, DateTimeOffset At, int MessageId);
}
