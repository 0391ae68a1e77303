using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Retrieval.Documents.Cleaning;
using Bot.Retrieval.Documents.Extraction;

namespace Bot.Retrieval.Documents;

/// <summary>
/// Reads every supported file under the knowledge folder: .txt, .md, and .jsonl collections (one document a line,
/// with <c>id</c> or <c>pid</c>, <c>title</c>, <c>text</c>); and, given an extractor, .pdf, .docx, .html and .htm. A file
/// or line that cannot be read is reported, never fatal; a folder that is missing or cannot be listed is an error
/// (<see cref="KnowledgeFolderUnavailableException"/>), never read as an empty one.
/// </summary>
public static class KnowledgeFolder
{
    /// <summary>Bumped when loading or cleaning rules change, so that every document counts as changed.</summary>
    public const string LoaderVersion = "loader-v1";

    /// <summary>The largest single document file (.txt, .md). A .jsonl collection is read line by line and may be larger.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The largest line of a .jsonl collection: one document.</summary>
    public const int MaxCollectionLineChars = 16 * 1024 * 1024;

    public static readonly IReadOnlySet<string> SupportedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".jsonl" };

    public static LoadResult Load(string folder, CancellationToken cancellationToken = default) => Load(folder, null, cancellationToken);

    public static LoadResult Load(string folder, IDocumentExtractor? extractor, CancellationToken cancellationToken = default)
    {
        var documents = new List<Document>();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var files = Files(folder);
        // PDF, DOCX and HTML are parsed first, one parser process per core: starting one costs about half a second.
        var extracted = extractor is null ? [] : files.Where(f => FileSignature.Extensions.Contains(Path.GetExtension(f)))
            .AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount)).WithCancellation(cancellationToken)
            .Select(f => (Path: f, Result: TryExtract(extractor, f, cancellationToken)))
            .ToDictionary(x => x.Path, x => x.Result, StringComparer.Ordinal);
        foreach (var path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var extension = Path.GetExtension(path);
            if (extractor is not null && FileSignature.Extensions.Contains(extension))
            {
                LoadExtracted(relative, extension, extracted[path], documents, ids, problems);
                continue;
            }

            if (!SupportedExtensions.Contains(extension))
            {
                problems.Add($"{relative}: unsupported file type, skipped");
                continue;
            }

            try
            {
                if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
                {
                    LoadCollection(relative, File.ReadLines(path, Encoding.UTF8), documents, ids, problems);
                    continue;
                }

                if (new FileInfo(path).Length > MaxFileBytes)
                {
                    problems.Add($"{relative}: larger than {MaxFileBytes / (1024 * 1024)} MB, skipped");
                    continue;
                }

                var raw = File.ReadAllText(path, Encoding.UTF8);

                var id = UniqueId(relative[..^extension.Length], relative, ids);
                var hash = Hash(raw);
                documents.Add(extension.Equals(".md", StringComparison.OrdinalIgnoreCase)
                    ? MarkdownLoader.Load(id, relative, hash, raw)
                    : PlainTextLoader.Load(id, relative, hash, raw));
            }
            catch (IOException ex)
            {
                problems.Add($"{relative}: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                problems.Add($"{relative}: {ex.Message}");
            }
        }

        documents.RemoveAll(d => d.Paragraphs.Count == 0);
        return new LoadResult(documents, problems);
    }

    /// <summary>Throws <see cref="KnowledgeFolderUnavailableException"/> when the folder is not there or cannot be listed.</summary>
    public static void EnsureReadable(string folder) => _ = Files(folder);

    /// <summary>
    /// Every file the folder would be read from, with its size and last write time: listed without reading any file, so
    /// that an unchanged folder is known unchanged without hashing or parsing it again. Throws like <see cref="Load(string, CancellationToken)"/>
    /// for a folder that is missing or cannot be listed.
    /// </summary>
    public static IReadOnlyList<(string Path, long Length, DateTime Written)> Snapshot(string folder) =>
        Files(folder).Select(f =>
        {
            var info = new FileInfo(f);
            return info.Exists ? (f, info.Length, info.LastWriteTimeUtc) : (f, -1L, DateTime.MinValue);
        }).ToList();

    // Every file to read, in a stable order; a folder that is missing or cannot be listed is an error, never an empty folder.
    private static List<string> Files(string folder)
    {
        if (File.Exists(folder)) throw new KnowledgeFolderUnavailableException(folder, "is a file, not a folder");
        if (!Directory.Exists(folder)) throw new KnowledgeFolderUnavailableException(folder, "does not exist");
        try
        {
            // Hidden files and folders (.git, .DS_Store, an editor's .swp) are never documents.
            return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.')))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or DirectoryNotFoundException or IOException)
        {
            throw new KnowledgeFolderUnavailableException(folder, $"cannot be read ({ex.GetType().Name})");
        }
    }

    // The extraction and the file's hash (read once, for both the cache and the document), or the message of a file that
    // could not even be read.
    private static (Extraction.Extraction? Extraction, string Hash, string? Error) TryExtract(IDocumentExtractor extractor, string path, CancellationToken cancellationToken)
    {
        try
        {
            var hash = FileHash.Sha256(path);
            return (extractor.Extract(path, hash, cancellationToken), hash, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, "", ex.Message);
        }
    }

    private static void LoadExtracted(string relative, string extension, (Extraction.Extraction? Extraction, string Hash, string? Error) result,
        List<Document> documents, HashSet<string> ids, List<string> problems)
    {
        if (result.Extraction is not { } extraction)
        {
            problems.Add($"{relative}: {result.Error}");
            return;
        }

        if (!extraction.Succeeded)
        {
            problems.Add($"{relative}: {extraction.Problem}: {extraction.Detail}");
            return;
        }

        var id = UniqueId(relative[..^extension.Length], relative, ids);
        var builder = new DocumentBuilder(id, relative, Hash(ExtractionLimits.ParserVersion + "\n" + result.Hash))
        {
            Title = extraction.Title is { } title ? ScriptRepair.Repair(title) : null,
        };
        foreach (var block in extraction.Blocks)
        {
            builder.Section = ScriptRepair.Repair(block.Section);
            builder.Page = block.Page;
            builder.Ocr = block.Ocr;
            builder.Add(ScriptRepair.Repair(block.Text));
        }

        // A scan whose other pages were read is indexed; the pages OCR could not read are reported, not indexed as noise.
        if (extraction.UnreadPages.Count > 0) problems.Add($"{relative}: pages {string.Join(", ", extraction.UnreadPages)} not indexed: {extraction.Detail}");
        if (builder.Count == 0) problems.Add($"{relative}: NoText: nothing left after cleaning");
        else documents.Add(builder.Build(Path.GetFileNameWithoutExtension(relative)));
    }

    // Lines are parsed and cleaned in parallel (a collection can hold a hundred thousand documents), then checked in order.
    private static void LoadCollection(string relative, IEnumerable<string> lines, List<Document> documents, HashSet<string> ids, List<string> problems)
    {
        var parsed = lines
            .Select((line, index) => (Line: line, Number: index + 1))
            .Where(x => !string.IsNullOrWhiteSpace(x.Line))
            .AsParallel().AsOrdered()
            .Select(x => ParseLine(relative, x.Line, x.Number))
            .ToList();
        foreach (var (document, problem, lineNumber) in parsed)
        {
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            if (!ids.Add(document!.Id))
            {
                problems.Add($"{relative}:{lineNumber}: duplicate document id '{document.Id}', skipped");
                continue;
            }

            documents.Add(document);
        }
    }

    private static (Document? Document, string? Problem, int Line) ParseLine(string relative, string line, int lineNumber)
    {
        if (line.Length > MaxCollectionLineChars) return (null, $"{relative}:{lineNumber}: a document over {MaxCollectionLineChars / (1024 * 1024)} M characters, skipped", lineNumber);
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = Field(root, "id") ?? Field(root, "pid");
            var text = Field(root, "text");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(text))
                return (null, $"{relative}:{lineNumber}: needs 'id' (or 'pid') and 'text', skipped", lineNumber);
            var title = Field(root, "title");
            var document = PlainTextLoader.Load(id, $"{relative}#{id}", Hash(line), text, string.IsNullOrWhiteSpace(title) ? null : ScriptRepair.Repair(title.Trim()));
            return (document, null, lineNumber);
        }
        catch (JsonException)
        {
            return (null, $"{relative}:{lineNumber}: not valid JSON, skipped", lineNumber);
        }
    }

    private static string? Field(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string UniqueId(string preferred, string relative, HashSet<string> ids) => ids.Add(preferred) ? preferred : ids.Add(relative) ? relative : relative + "#" + ids.Count;

    public static string Hash(string raw) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LoaderVersion + "\n" + raw)))[..32];
}
