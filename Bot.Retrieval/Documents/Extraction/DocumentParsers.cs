using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// The parsers, in this process: size limit, magic bytes, then PDF, DOCX or HTML. Only the parser child process (and
/// tests) call this directly; the bot goes through <see cref="ChildProcessExtractor"/>.
/// </summary>
public sealed class DocumentParsers(ExtractionLimits limits) : IDocumentExtractor
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Kazakh text as itself, not \u escapes; this JSON never meets HTML
        Converters = { new JsonStringEnumConverter() },
    };

    public Extraction Extract(string path, CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!FileSignature.Extensions.Contains(extension)) return Extraction.Failed(ExtractionProblem.WrongType, $"no parser for '{extension}'");
        var size = new FileInfo(path).Length;
        if (size > limits.MaxFileBytes) return Extraction.Failed(ExtractionProblem.TooLarge, $"{size} bytes (at most {limits.MaxFileBytes})");
        if (!FileSignature.Matches(path)) return Extraction.Failed(ExtractionProblem.WrongType, $"the content is not {extension[1..].ToUpperInvariant()}");
        try
        {
            switch (extension)
            {
                case ".pdf":
                    return PdfParser.Parse(path, cancellationToken);
                case ".docx":
                    return DocxParser.Parse(path, limits, cancellationToken);
                default:
                    using (var stream = File.OpenRead(path)) return HtmlParser.Parse(stream, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            var message = ex.Message.Length > 300 ? ex.Message[..300] : ex.Message;
            return Extraction.Failed(ExtractionProblem.Malformed, $"{ex.GetType().Name}: {message}");
        }
    }

    /// <summary>The parser child's whole job: parse one file, write the result as JSON on stdout. Exit 0 even for a bad file.</summary>
    public static int RunChild(string path, TextWriter output)
    {
        var limits = Environment.GetEnvironmentVariable(ChildProcessExtractor.LimitsVariable) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<ExtractionLimits>(json, Json) ?? new ExtractionLimits()
            : new ExtractionLimits();
        var extraction = new DocumentParsers(limits).Extract(path);
        output.Write(JsonSerializer.Serialize(extraction, Json));
        output.Flush();
        return 0;
    }
}
