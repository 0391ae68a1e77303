using System.Globalization;
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
                case var image when FileSignature.Images.Contains(image):
                    return ReadImage(path, cancellationToken);
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

    // A photo or a scan saved as an image: one page of OCR'd text.
    private static Extraction ReadImage(string path, CancellationToken cancellationToken)
    {
        if (!Ocr.Available) return Extraction.Failed(ExtractionProblem.OcrUnavailable, Ocr.Unavailable!);
        var page = Ocr.ReadImage(path, cancellationToken);
        if (page.Words == 0) return Extraction.Failed(ExtractionProblem.NoText, "OCR found no words in the image");
        if (page.Confidence < Ocr.MinConfidence)
            return Extraction.Failed(ExtractionProblem.LowConfidence, string.Create(CultureInfo.InvariantCulture, $"OCR confidence {page.Confidence:0} of 100 (at least {Ocr.MinConfidence:0})"));
        return new Extraction(null, page.Paragraphs.Select(p => new ExtractedBlock(p, "", 1, Ocr: true)).ToList());
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
