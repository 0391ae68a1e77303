using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// Text from images through Tesseract (kaz+rus), and PDF pages rendered for it by poppler's pdftoppm: Debian's
/// tesseract-ocr, tesseract-ocr-kaz, tesseract-ocr-rus and poppler-utils. Runs inside the parser child, whose time and
/// memory limits cover it. Where the tools are missing, <see cref="Available"/> is false and a scan is reported so.
/// </summary>
public static class Ocr
{
    public const string Languages = "kaz+rus";

    /// <summary>Below this mean word confidence (0–100) a page is reported, not indexed as noise.</summary>
    public const double MinConfidence = 45;

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>True when tesseract with Kazakh and Russian, and pdftoppm, can be run.</summary>
    public static bool Available => Missing.Value is null;

    /// <summary>What is missing, for messages and health: null when OCR is available.</summary>
    public static string? Unavailable => Missing.Value;

    public sealed record Page(IReadOnlyList<string> Paragraphs, double Confidence, int Words);

    /// <summary>Reads one image: its paragraphs (Tesseract's blocks and paragraphs) and the mean confidence of its words.</summary>
    public static Page ReadImage(string image, CancellationToken cancellationToken = default)
    {
        var tsv = Run("tesseract", [image, "stdout", "-l", Languages, "--psm", "3", "tsv"], cancellationToken);
        var paragraphs = new List<string>();
        var words = new List<double>();
        var current = new StringBuilder();
        string? key = null;
        int line = -1;
        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var cells = row.Split('\t');
            if (cells.Length < 12 || cells[0] != "5") continue; // level 5: a word
            var text = cells[11].Trim();
            if (text.Length == 0 || !double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < 0) continue;
            var paragraph = cells[2] + "/" + cells[3];
            int wordLine = int.Parse(cells[4], CultureInfo.InvariantCulture);
            if (paragraph != key)
            {
                if (current.Length > 0) paragraphs.Add(current.ToString());
                current.Clear();
                key = paragraph;
            }
            else if (wordLine != line && current.Length > 0 && current[^1] == '-')
            {
                current.Length--; // a word hyphenated across lines is one word
                text = text.TrimStart();
                current.Append(text);
                line = wordLine;
                words.Add(confidence);
                continue;
            }

            if (current.Length > 0) current.Append(' ');
            current.Append(text);
            line = wordLine;
            words.Add(confidence);
        }

        if (current.Length > 0) paragraphs.Add(current.ToString());
        return new Page(paragraphs, words.Count == 0 ? 0 : words.Average(), words.Count);
    }

    /// <summary>Renders one page of a PDF at 300 dpi, reads it, and deletes the image.</summary>
    public static Page ReadPdfPage(string pdf, int pageNumber, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-ocr-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var prefix = Path.Combine(folder, "page");
            var number = pageNumber.ToString(CultureInfo.InvariantCulture);
            Run("pdftoppm", ["-r", "300", "-gray", "-f", number, "-l", number, "-png", "-singlefile", pdf, prefix], cancellationToken);
            return ReadImage(prefix + ".png", cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? FindMissing()
    {
        try
        {
            var languages = Run("tesseract", ["--list-langs"], CancellationToken.None);
            var listed = languages.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
            var absent = Languages.Split('+').Where(l => !listed.Contains(l)).ToList();
            if (absent.Count > 0) return $"Tesseract has no {string.Join(" or ", absent)} language data (tesseract-ocr-{string.Join(", tesseract-ocr-", absent)})";
            Run("pdftoppm", ["-v"], CancellationToken.None);
            return null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return "tesseract-ocr (with tesseract-ocr-kaz and tesseract-ocr-rus) and poppler-utils are not installed";
        }
    }

    // One tool, its output; a non-zero exit is an error naming the tool.
    private static string Run(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["OMP_THREAD_LIMIT"] = "1"; // Tesseract's threads fight the bot's for two cores
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = stdout.GetAwaiter().GetResult();
        // pdftoppm -v and tesseract --list-langs write to stderr on some versions.
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {Trim(stderr.GetAwaiter().GetResult())}");
        return output.Length > 0 ? output : stderr.GetAwaiter().GetResult();
    }

    private static string Trim(string text) => text.Length > 200 ? text[..200] : text.Trim();
}
