using System.Diagnostics;
using Bot.Retrieval.Documents.Extraction;
using Bot.Tests.Support;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Bot.Tests.Documents;

/// <summary>
/// Scans and photos read by Tesseract (kaz+rus): page images of the Kazakh fixture, as a PNG and inside an image-only
/// PDF. They run where .ci/run installed tesseract-ocr, its Kazakh and Russian data and poppler-utils, and skip,
/// saying why, where not; the refusal without OCR is tested either way through the parser's own check.
/// </summary>
public sealed class OcrTests
{
    private static void RequireOcr()
    {
        if (!Ocr.Available) Assert.Skip($"OCR is not installed here: {Ocr.Unavailable}");
    }

    // Page 1 of kazakh-cities.pdf (Алматы) as a grey PNG, by poppler: at 300 dpi a good scan; at 30 dpi, stretched over
    // a page, one too coarse to read (Tesseract 5.3 gives it a mean word confidence of about 37).
    private static byte[] PageImage(TempFolder temp, int dpi = 300)
    {
        var prefix = temp.Combine($"page{dpi}");
        using var render = Process.Start("pdftoppm", ["-r", dpi.ToString(), "-gray", "-f", "1", "-l", "1", "-png", "-singlefile", Repo.Fixture("kazakh-cities.pdf"), prefix])!;
        render.WaitForExit();
        return File.ReadAllBytes(prefix + ".png");
    }

    [Fact]
    public void AnImage_IsReadInKazakh_AsOnePage()
    {
        RequireOcr();
        using var temp = new TempFolder();
        var image = temp.Combine("scan.png");
        File.WriteAllBytes(image, PageImage(temp));
        var extraction = new DocumentParsers(new ExtractionLimits()).Extract(image);
        Assert.True(extraction.Succeeded, extraction.Detail);
        var text = string.Join("\n", extraction.Blocks.Select(b => b.Text));
        Assert.Contains("Қазақстанның ең ірі қаласы", text);
        Assert.Contains("1929 жылдан 1997 жылға дейін", text);
        Assert.All(extraction.Blocks, b => Assert.Equal(1, b.Page));
    }

    [Fact]
    public async Task AScannedPdf_IsIndexedThroughTheParserChild_AndAnswered()
    {
        RequireOcr();
        using var temp = new TempFolder();
        var knowledge = temp.Combine("knowledge");
        Directory.CreateDirectory(knowledge);
        // An image-only PDF: pages that are pictures of text, with no text layer; the second too coarse to read.
        var builder = new PdfDocumentBuilder();
        foreach (var dpi in new[] { 300, 30 })
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddPng(PageImage(temp, dpi), new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
        }

        File.WriteAllBytes(Path.Combine(knowledge, "scan.pdf"), builder.Build());

        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "Алматы қай жылдан бастап елдің астанасы болды?", "--knowledge", knowledge, "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.Contains("1929", stdout);
        Assert.Contains("1-бет, OCR", stdout); // the citation says the text was read from a scan
        Assert.Matches(@"scan\.pdf: pages 2 not indexed: page 2: OCR confidence \d+ \(at least 45\)", stderr); // reported, not indexed as noise
    }

    [Fact]
    public void AnImageWithoutWords_IsReportedNotIndexed()
    {
        RequireOcr();
        using var temp = new TempFolder();
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A6);
        var blank = temp.Combine("blank.pdf");
        File.WriteAllBytes(blank, builder.Build());
        var extraction = new DocumentParsers(new ExtractionLimits()).Extract(blank);
        Assert.False(extraction.Succeeded);
        Assert.Equal(ExtractionProblem.NoText, extraction.Problem);
    }

    [Fact]
    public void AnImageThatIsNotOne_IsRefusedByItsBytes()
    {
        using var temp = new TempFolder();
        var fake = temp.Combine("photo.png");
        File.WriteAllText(fake, "this is text, not a PNG");
        var extraction = new DocumentParsers(new ExtractionLimits()).Extract(fake);
        Assert.Equal(ExtractionProblem.WrongType, extraction.Problem);
    }
}

/// <summary>A scan refused for want of OCR is read once OCR is installed: that refusal is never cached.</summary>
public sealed class OcrCacheTests
{
    private sealed class Scripted(params Extraction[] replies) : IDocumentExtractor
    {
        public int Calls;

        public Extraction Extract(string path, CancellationToken cancellationToken = default) => replies[Math.Min(Calls++, replies.Length - 1)];
    }

    [Fact]
    public void OcrUnavailable_IsNotCached_ButAReadScanIs()
    {
        using var temp = new TempFolder();
        var scan = temp.Combine("scan.pdf");
        File.WriteAllText(scan, "%PDF-1.7 a scan");
        var inner = new Scripted(
            Extraction.Failed(ExtractionProblem.OcrUnavailable, "not installed"),
            new Extraction("Скан", [new ExtractedBlock("Алматы — ең ірі қала.", "", 1)]));
        var cache = new CachingExtractor(inner, temp.Combine("cache"), new ExtractionLimits());
        Assert.Equal(ExtractionProblem.OcrUnavailable, cache.Extract(scan).Problem);
        Assert.True(cache.Extract(scan).Succeeded); // asked again, now read
        Assert.True(cache.Extract(scan).Succeeded); // and that one is kept
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public void TheFolderLoadersHash_IsTheCachesKey_SoAFileIsReadForItOnce()
    {
        using var temp = new TempFolder();
        var scan = temp.Combine("scan.pdf");
        File.WriteAllText(scan, "%PDF-1.7 a scan");
        var inner = new Scripted(new Extraction("Скан", [new ExtractedBlock("Алматы — ең ірі қала.", "", 1)]));
        var cache = new CachingExtractor(inner, temp.Combine("cache"), new ExtractionLimits());
        Assert.True(cache.Extract(scan).Succeeded);
        // The loader hashes the file once and hands the hash on: the same cache entry, no parse and no second read.
        Assert.True(cache.Extract(scan, FileHash.Sha256(scan)).Succeeded);
        Assert.Equal(1, inner.Calls);
        // A hash of other content is another entry: the key is the hash given, not the file read again.
        Assert.True(cache.Extract(scan, new string('0', 64)).Succeeded);
        Assert.Equal(2, inner.Calls);
    }
}

/// <summary>A photo an admin sends the bot is read like an uploaded image.</summary>
public sealed class OcrPhotoTests
{
    [Fact]
    public async Task APhotoFromAnAdmin_IsReadIndexedAndAnswered()
    {
        if (!Ocr.Available) Assert.Skip($"OCR is not installed here: {Ocr.Unavailable}");
        await using var bot = await Bot.Tests.Telegram.BotUnderTest.StartAsync();
        var prefix = bot.Temp.Combine("photo");
        using (var render = Process.Start("pdftoppm", ["-r", "200", "-jpeg", "-f", "1", "-l", "1", "-singlefile", Repo.Fixture("kazakh-cities.pdf"), prefix])!) render.WaitForExit();
        var bytes = File.ReadAllBytes(prefix + ".jpg");
        File.Delete(prefix + ".jpg");
        bot.Api.AddFile("ph-big", bytes);
        var update = Bot.Tests.Telegram.Updates.PrivateText(Bot.Tests.Telegram.BotUnderTest.AdminId, "");
        var message = update["message"]!.AsObject();
        message.Remove("text");
        message["photo"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["file_id"] = "ph-small", ["file_unique_id"] = "us", ["width"] = 90, ["height"] = 120, ["file_size"] = 1000 },
            new System.Text.Json.Nodes.JsonObject { ["file_id"] = "ph-big", ["file_unique_id"] = "ub", ["width"] = 1654, ["height"] = 2339, ["file_size"] = bytes.Length });
        bot.Api.Enqueue(update);
        var stored = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == Bot.Tests.Telegram.BotUnderTest.AdminId), TimeSpan.FromSeconds(60), "the upload")).Single().Text;
        Assert.Contains("файлы сақталып, индекстелді", stored);

        bot.Api.Enqueue(Bot.Tests.Telegram.Updates.PrivateText(905, "Алматы қай жылдан бастап елдің астанасы болды?"));
        var answer = (await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 905), TimeSpan.FromSeconds(30), "the answer")).Single(m => m.ChatId == 905).Text;
        Assert.Contains("1929", answer);
    }
}
