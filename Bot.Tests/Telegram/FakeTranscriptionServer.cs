using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>
/// An OpenAI-compatible <c>/v1/audio/transcriptions</c> on 127.0.0.1: reads the multipart upload as whisper.cpp's
/// server or OpenAI would (the file part with its name, and the form fields), records it, and answers with the
/// scripted reply — JSON <c>{"text": …}</c>, an error status, or a reply held past the client's timeout.
/// </summary>
public sealed class FakeTranscriptionServer : IAsyncDisposable
{
    public const string ApiKey = "sk-CANARY-speech-3c1d9e7a5b2f4680";

    private readonly HttpListener listener;
    private readonly Task loop;

    public FakeTranscriptionServer()
    {
        listener = LoopbackListener.Start(out var port);
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        loop = Task.Run(() => LoopbackListener.AcceptAsync(listener, HandleAsync));
    }

    public string BaseUrl { get; }

    /// <summary>One upload as the server read it.</summary>
    public sealed record Upload(string Path, string? Authorization, string? FileName, byte[] File, IReadOnlyDictionary<string, string> Fields);

    public sealed record Reply(int Status, string Body, TimeSpan Delay = default);

    public ConcurrentQueue<Upload> Uploads { get; } = new();

    /// <summary>How an upload is answered. Default: the Kazakh question the tests ask by voice.</summary>
    public Func<Upload, Reply> Transcribe { get; set; } = _ => Text("Түрксіб құрылысының бастығы кім болды?");

    public static Reply Text(string text) => new(200, new JsonObject { ["text"] = text }.ToJsonString());

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            Reply reply;
            if (!path.EndsWith("/audio/transcriptions", StringComparison.Ordinal) || context.Request.HttpMethod != "POST")
            {
                reply = new Reply(404, """{"error":{"message":"not found","type":"invalid_request_error"}}""");
            }
            else if (Parse(context.Request.ContentType, body.ToArray()) is not { } parts || !parts.TryGetValue("file", out var file))
            {
                reply = new Reply(400, """{"error":{"message":"expected a multipart upload with a file","type":"invalid_request_error"}}""");
            }
            else
            {
                var upload = new Upload(path, context.Request.Headers["Authorization"], file.FileName, file.Bytes,
                    parts.Where(p => p.Key != "file").ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(p.Value.Bytes)));
                Uploads.Enqueue(upload);
                reply = Transcribe(upload);
            }

            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
            await LoopbackListener.WriteAsync(context, reply.Status, reply.Body);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    // multipart/form-data (RFC 7578): parts split on the boundary, each with its headers, a blank line, then its bytes.
    private static Dictionary<string, (string? FileName, byte[] Bytes)>? Parse(string? contentType, byte[] body)
    {
        var marker = "boundary=";
        var at = contentType?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (contentType is null || at < 0 || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return null;
        var boundary = Encoding.ASCII.GetBytes("--" + contentType[(at + marker.Length)..].Split(';')[0].Trim('"', ' '));
        var parts = new Dictionary<string, (string?, byte[])>();
        var positions = new List<int>();
        for (int i = body.AsSpan().IndexOf(boundary); i >= 0;)
        {
            positions.Add(i);
            var next = body.AsSpan(i + boundary.Length).IndexOf(boundary);
            i = next < 0 ? -1 : i + boundary.Length + next;
        }

        for (int k = 0; k + 1 < positions.Count; k++)
        {
            var part = body.AsSpan(positions[k] + boundary.Length, positions[k + 1] - positions[k] - boundary.Length);
            var split = part.IndexOf("\r\n\r\n"u8);
            if (split < 0) return null;
            var headers = Encoding.UTF8.GetString(part[..split]);
            var content = part[(split + 4)..];
            if (content.EndsWith("\r\n"u8)) content = content[..^2];
            var disposition = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Disposition", StringComparison.OrdinalIgnoreCase)) ?? "";
            var name = Attribute(disposition, "name");
            if (name is null) return null;
            parts[name] = (Attribute(disposition, "filename"), content.ToArray());
        }

        return parts;
    }

    private static string? Attribute(string header, string attribute)
    {
        foreach (var piece in header.Split(';').Select(p => p.Trim()))
        {
            if (piece.StartsWith(attribute + "=", StringComparison.OrdinalIgnoreCase)) return piece[(attribute.Length + 1)..].Trim('"');
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        LoopbackListener.Close(listener);
        await loop;
    }
}
