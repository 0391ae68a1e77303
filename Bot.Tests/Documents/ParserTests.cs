using System.Text;
using Bot.Retrieval.Documents.Extraction;
using Bot.Tests.Support;

namespace Bot.Tests.Documents;

/// <summary>The PDF, DOCX and HTML parsers on real files, in this process (the bot runs them in a child process).</summary>
public sealed class ParserTests
{
    private static readonly DocumentParsers Parsers = new(new ExtractionLimits());

    [Fact]
    public void Pdf_TextLayer_GivesPagesHeadingsAndTitle()
    {
        var pdf = Parsers.Extract(Repo.Fixture("kazakh-cities.pdf"));
        Assert.True(pdf.Succeeded, pdf.Detail);
        Assert.Equal("Қазақстан қалалары", pdf.Title);
        var baiterek = Assert.Single(pdf.Blocks, b => b.Text.Contains("Бәйтерек"));
        Assert.Equal(2, baiterek.Page);
        Assert.Equal("Астана", baiterek.Section);
        // A line wrapped in the PDF is one paragraph again.
        Assert.Contains(pdf.Blocks, b => b.Text == "Алматы — Қазақстанның ең ірі қаласы. Қала Іле Алатауының солтүстік етегінде орналасқан." && b.Page == 1);
        Assert.Equal([1, 2, 3], pdf.Blocks.Select(b => b.Page).Distinct());
    }

    [Fact]
    public void Pdf_ScannedOrEncrypted_SaysWhyThereIsNoText()
    {
        Assert.Equal(ExtractionProblem.NoText, Parsers.Extract(Repo.Fixture("scanned.pdf")).Problem);
        Assert.Equal(ExtractionProblem.Encrypted, Parsers.Extract(Repo.Fixture("encrypted.pdf")).Problem);
    }

    [Fact]
    public void Pdf_Truncated_IsReportedOrRecovered_NeverThrown()
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(Repo.Fixture("kazakh-cities.pdf"));
        var path = temp.Combine("cut.pdf");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var result = Parsers.Extract(path);
        // Half a PDF has no cross-reference table and half its objects: a clear "malformed" or "no text", or what a
        // lenient reader can still recover — never an exception.
        Assert.True(result.Problem is ExtractionProblem.Malformed or ExtractionProblem.NoText || result.Blocks.Count > 0, $"{result.Problem}: {result.Detail}");
    }

    [Fact]
    public void Docx_HeadingsBecomeSections_TablesIncluded()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("writers.docx");
        DocumentFiles.WriteDocx(path);
        var docx = Parsers.Extract(path);
        Assert.True(docx.Succeeded, docx.Detail);
        Assert.Equal("Қазақ жазушылары", docx.Title);
        Assert.Equal("Мұхтар Әуезов", Assert.Single(docx.Blocks, b => b.Text.Contains("1897")).Section);
        Assert.Equal("Ілияс Жансүгіров", Assert.Single(docx.Blocks, b => b.Text.Contains("Құлагер")).Section); // a style based on Heading 1
        Assert.Contains(docx.Blocks, b => b.Text.Contains("Жетісуда")); // table cell
        Assert.DoesNotContain(docx.Blocks, b => b.Text is "Мұхтар Әуезов" or "Қазақ жазушылары");
    }

    [Fact]
    public void Html_KeepsTheArticle_DropsMenusScriptsAndFooter()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("khanate.html");
        File.WriteAllText(path, DocumentFiles.Html);
        var html = Parsers.Extract(path);
        Assert.True(html.Succeeded, html.Detail);
        Assert.Equal("Қазақ хандығы", html.Title);
        Assert.Equal("Қазақ хандығы", Assert.Single(html.Blocks, b => b.Text.Contains("1465")).Section);
        Assert.Equal("Тәуке хан", Assert.Single(html.Blocks, b => b.Text.Contains("Жеті жарғы")).Section);
        var all = string.Join("\n", html.Blocks.Select(b => b.Text));
        foreach (var boilerplate in new[] { "Басты бет", "Тарих", "cookie", "Келісемін", "Бөлісу", "Көп оқылған", "Абылай", "©", "1999", "secret" })
            Assert.DoesNotContain(boilerplate, all);
    }

    [Fact]
    public void Html_OnlyScripts_HasNoText()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("scripts.html");
        File.WriteAllText(path, "<html><body>" + string.Concat(Enumerable.Repeat("<script>var a = 'Шатов Түрксіб';</script>", 5000)) + "</body></html>");
        Assert.Equal(ExtractionProblem.NoText, Parsers.Extract(path).Problem);
    }

    [Fact]
    public void Docx_ZipBomb_IsRefusedBeforeItInflates()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("bomb.docx");
        DocumentFiles.WriteZipBomb(path);
        Assert.True(new FileInfo(path).Length < 2 * 1024 * 1024);
        var result = Parsers.Extract(path);
        Assert.Equal(ExtractionProblem.ZipBomb, result.Problem);
        Assert.Contains("inflates more than 100×", result.Detail);
    }

    [Fact]
    public void Docx_WithADtd_IsRefused_AndNoLocalFileIsRead()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("xxe.docx");
        DocumentFiles.WriteXxeDocx(path);
        var result = Parsers.Extract(path);
        Assert.Equal(ExtractionProblem.Malformed, result.Problem);
        Assert.Contains("DTD", result.Detail);
        Assert.DoesNotContain("root:", result.Detail);
    }

    [Theory]
    [InlineData("program.pdf", "MZ\u0090\u0000binary")]
    [InlineData("notes.docx", "plain text, not a zip")]
    [InlineData("page.html", "%PDF-1.7 renamed")]
    public void ContentNotMatchingTheExtension_IsRefused(string name, string content)
    {
        using var temp = new TempFolder();
        var path = temp.Combine(name);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(content));
        Assert.Equal(ExtractionProblem.WrongType, Parsers.Extract(path).Problem);
    }
}
