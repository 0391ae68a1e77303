using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Bench.Fixtures;
using Bot.Retrieval;
using Bot.Retrieval.Documents;
using Bot.Retrieval.Documents.Cleaning;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Bot.Bench.Ocr;

/// <summary>
/// Tesseract's Kazakh error rate, which nobody publishes: the shipped document and ten KazQAD passages are typeset in
/// DejaVu Sans (PdfPig), rendered by pdftoppm at 300 and 150 dpi, clean and (with ImageMagick) with light noise and a
/// 0.7° skew, read back with kaz+rus, and compared page by page with the text typeset: character and word error rates
/// (edit distance over the reference length, whitespace collapsed). Then seed-dev over the noisy 300 dpi scan of the
/// shipped document, indexed as an image-only PDF, beside the text original.
/// </summary>
public static class OcrBench
{
    private const int LinesPerPage = 48;

    // Debian's ImageMagick, ahead of any other `convert` on the PATH.
    private static readonly string Convert = File.Exists("/usr/bin/convert") ? "/usr/bin/convert" : "convert";

    public static async Task<int> RunAsync(string kazqadFolder, string font)
    {
        if (!Retrieval.Documents.Extraction.Ocr.Available)
        {
            Console.Error.WriteLine($"OCR is not installed: {Retrieval.Documents.Extraction.Ocr.Unavailable}");
            return 1;
        }

        bool noise = Tool(Convert, "-version", "ImageMagick");
        var work = Path.Combine(Path.GetTempPath(), "chatbot-ocr-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var shipped = KnowledgeFolder.Load("knowledge").Documents.Single(d => d.Id == "kazakhstan-industrialization");
            var passages = KazqadData.Passages(Path.Combine(kazqadFolder, "passages.jsonl")).OrderBy(p => p.Id, StringComparer.Ordinal).Take(10).ToList();
            var texts = new List<(string Name, List<string> Paragraphs)> { ("shipped document", shipped.Paragraphs.Select(p => p.Text).ToList()) };
            texts.AddRange(passages.Select(p => ($"kazqad {p.Id}", TextCleaner.Paragraphs(p.Text).ToList())));

            var variants = new List<(string Name, int Dpi, bool Noisy)> { ("300 dpi", 300, false), ("150 dpi", 150, false) };
            if (noise) variants.Add(("300 dpi, noise and 0.7° skew", 300, true));
            Console.WriteLine($"OCR: Tesseract {Version()} with {Retrieval.Documents.Extraction.Ocr.Languages}; {texts.Count} texts typeset in {Path.GetFileName(font)}");
            Console.WriteLine("variant                          pages   chars    CER     words    WER   s/page");
            string? noisyShipped = null;
            foreach (var variant in variants)
            {
                long charEdits = 0, chars = 0, wordEdits = 0, words = 0;
                int pages = 0;
                var clock = Stopwatch.StartNew();
                foreach (var (name, paragraphs) in texts)
                {
                    var (pdf, pageTexts) = Typeset(Path.Combine(work, Slug(name) + ".pdf"), paragraphs, font);
                    var images = Render(pdf, variant.Dpi, variant.Noisy, Path.Combine(work, Slug(name) + "-" + variant.Dpi + (variant.Noisy ? "n" : "")));
                    for (int i = 0; i < images.Count; i++)
                    {
                        var read = string.Join(' ', Retrieval.Documents.Extraction.Ocr.ReadImage(images[i]).Paragraphs);
                        var (reference, hypothesis) = (Normalize(pageTexts[i]), Normalize(read));
                        charEdits += Distance(reference.AsSpan(), hypothesis.AsSpan());
                        chars += reference.Length;
                        var (rw, hw) = (reference.Split(' '), hypothesis.Split(' '));
                        wordEdits += Distance<string>(rw, hw);
                        words += rw.Length;
                        pages++;
                    }

                    if (name == "shipped document" && variant.Noisy) noisyShipped = ImageOnlyPdf(images, Path.Combine(work, "scanned", "kazakhstan-industrialization.pdf"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{variant.Name,-32} {pages,5} {chars,7} {100.0 * charEdits / chars,6:0.00}% {words,7} {100.0 * wordEdits / words,6:0.00}% {clock.Elapsed.TotalSeconds / pages,6:0.0}"));
            }

            if (noisyShipped is null)
            {
                Console.WriteLine("(ImageMagick's convert is missing: no noisy variant, and no seed-dev over a scan)");
                return 0;
            }

            Console.WriteLine();
            Console.WriteLine("seed-dev (35 questions): the text original beside its noisy 300 dpi scan as an image-only PDF");
            var original = Path.Combine(work, "original");
            Directory.CreateDirectory(original);
            File.Copy(Path.Combine("knowledge", "kazakhstan-industrialization.txt"), Path.Combine(original, "kazakhstan-industrialization.txt"));
            foreach (var (name, folder) in new[] { ("text original", original), ("scanned PDF", Path.GetDirectoryName(noisyShipped)!) })
            {
                using var pipeline = new RetrievalServices(Path.Combine(work, Slug(name) + ".db"),
                    configure: s => s.AddSingleton<IDocumentExtractor>(new DocumentParsers(new ExtractionLimits())));
                var indexed = await pipeline.Indexer.SyncAsync(folder);
                foreach (var problem in indexed.Problems) Console.WriteLine($"  ({name}: {problem})");
                var outcomes = new List<EvalOutcome>();
                foreach (var question in EvalQuestion.ReadFile(Path.Combine("eval", "seed-dev.jsonl")))
                    outcomes.Add(EvalScorer.Score(question, await pipeline.AskAsync(question.Question, 40), 0, 10));
                var report = EvalReport.From("all", outcomes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-14} evidence@5 {report.HitsAt5}/{report.Answerable}   answers {report.AnswerHits}/{report.Answerable}   abstentions {report.AbstentionAccuracy:0.000}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // The paragraphs typeset on A4 pages, 11 pt, with the text of each page as typeset (line breaks as spaces).
    private static (string Pdf, List<string> Pages) Typeset(string path, List<string> paragraphs, string font)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddTrueTypeFont(File.ReadAllBytes(font));
        var pages = new List<string>();
        var lines = paragraphs.SelectMany(p => PdfFixtures.Wrap(p, 85).Append("")).ToList();
        for (int start = 0; start < lines.Count; start += LinesPerPage)
        {
            var page = builder.AddPage(PageSize.A4);
            var text = new StringBuilder();
            double y = 790;
            foreach (var line in lines.Skip(start).Take(LinesPerPage))
            {
                if (line.Length > 0) page.AddText(line, 11, new PdfPoint(45, y), regular);
                text.Append(line).Append(' ');
                y -= 15.5;
            }

            pages.Add(text.ToString());
        }

        File.WriteAllBytes(path, builder.Build());
        return (path, pages);
    }

    private static List<string> Render(string pdf, int dpi, bool noisy, string prefix)
    {
        Run("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", pdf, prefix);
        var images = Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "-*.png").Order(StringComparer.Ordinal).ToList();
        if (!noisy) return images;
        // Light noise and a small skew, as a desk scanner gives; seeded, so a rerun reads the same pixels.
        foreach (var image in images) Run(Convert, image, "-background", "white", "-rotate", "0.7", "-seed", "7", "-attenuate", "0.3", "+noise", "Gaussian", image);
        return images;
    }

    private static string ImageOnlyPdf(List<string> images, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new PdfDocumentBuilder();
        foreach (var image in images)
        {
            // As a scanner stores a page: JPEG (a noisy PNG is megabytes a page).
            var jpeg = Path.ChangeExtension(image, ".jpg");
            Run(Convert, image, "-quality", "85", jpeg);
            var page = builder.AddPage(PageSize.A4);
            page.AddJpeg(File.ReadAllBytes(jpeg), new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
        }

        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    private static string Normalize(string text) => string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Distance<char>(a.ToArray(), b.ToArray());

    // Levenshtein distance, two rows.
    private static int Distance<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (int j = 0; j <= b.Count; j++) previous[j] = j;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Count; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (comparer.Equals(a[i - 1], b[j - 1]) ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static string Slug(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    private static string Version() => Output("tesseract", "--version").Split('\n').FirstOrDefault()?.Trim() ?? "?";

    private static bool Tool(string tool, string arg, string says)
    {
        try
        {
            return Output(tool, arg).Contains(says, StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {error}");
    }

    private static string Output(string tool, string arg)
    {
        var start = new ProcessStartInfo(tool, arg) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
