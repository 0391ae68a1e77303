using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Bot.Tests.Documents;

/// <summary>Real files for the parsers, written by the tests: a Kazakh DOCX with headings, a saved web page, and hostile ones.</summary>
public static class DocumentFiles
{
    /// <summary>A Word document about Kazakh writers: Title, two Heading 1 sections, a table.</summary>
    public static void WriteDocx(string path)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new W.Styles(
            Style("Title", "Title"),
            Style("Heading1", "heading 1"),
            Style("Subtle", "Subtle heading", basedOn: "Heading1"));
        main.Document = new W.Document(new W.Body(
            Paragraph("Қазақ жазушылары", "Title"),
            Paragraph("Мұхтар Әуезов", "Heading1"),
            Paragraph("Мұхтар Әуезов 1897 жылы Семей уезінде дүниеге келген."),
            Paragraph("Оның «Абай жолы» роман-эпопеясы төрт кітаптан тұрады."),
            Paragraph("Ілияс Жансүгіров", "Subtle"),
            Paragraph("Ілияс Жансүгіров «Құлагер» поэмасын 1936 жылы жазды."),
            new W.Table(new W.TableRow(
                new W.TableCell(Paragraph("Туған жылы")),
                new W.TableCell(Paragraph("Ілияс Жансүгіров 1894 жылы Жетісуда туған."))))));
        document.PackageProperties.Title = "Қазақ жазушылары";
    }

    /// <summary>A saved news page: menus, a cookie banner, scripts, a sidebar and a footer around one article.</summary>
    public const string Html = """
        <!doctype html>
        <html lang="kk"><head><meta charset="utf-8"><title>Қазақ хандығы — Тарих порталы</title>
        <script>var secret = "Тәуке хан 1999 жылы"; document.write(secret);</script>
        <style>.menu { color: red }</style></head>
        <body>
        <header class="site-header"><a href="/">Басты бет</a> <a href="/news">Жаңалықтар</a> <a href="/about">Біз туралы</a></header>
        <nav><ul><li><a href="/tarih">Тарих</a></li><li><a href="/madeniet">Мәдениет</a></li></ul></nav>
        <div class="cookie-banner">Сайт cookie файлдарын пайдаланады. <button>Келісемін</button></div>
        <div class="layout">
          <article>
            <h1>Қазақ хандығы</h1>
            <p>Қазақ хандығы 1465 жылы құрылды. Оның негізін Керей мен Жәнібек хандар қалады.</p>
            <h2>Тәуке хан</h2>
            <p>Тәуке хан «Жеті жарғы» заңдар жинағын қабылдады. Бұл заңдар дала өмірін реттеді.</p>
            <div class="share-buttons"><a href="#">Бөлісу</a></div>
          </article>
          <aside class="sidebar"><h3>Көп оқылған</h3><p>Абылай хан туралы он дерек.</p></aside>
        </div>
        <footer><p>© 2024 Тарих порталы. Барлық құқықтар қорғалған.</p></footer>
        <script src="/analytics.js"></script>
        </body></html>
        """;

    /// <summary>A DOCX whose document.xml inflates to hundreds of megabytes from well under one.</summary>
    public static void WriteZipBomb(string path, int megabytes = 300)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        AddEntry(zip, "[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
        var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
        using var stream = entry.Open();
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)' ');
        for (int i = 0; i < megabytes; i++) stream.Write(block);
    }

    /// <summary>A DOCX whose document.xml declares an external entity (XXE) pointing at a local file.</summary>
    public static void WriteXxeDocx(string path)
    {
        WriteDocx(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry("word/document.xml")!.Delete();
        AddEntry(zip, "word/document.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:body><w:p><w:r><w:t>Мәтін &xxe;</w:t></w:r></w:p></w:body></w:document>
            """);
    }

    private static void AddEntry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static W.Paragraph Paragraph(string text, string? style = null)
    {
        var paragraph = new W.Paragraph(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null) paragraph.PrependChild(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        return paragraph;
    }

    private static W.Style Style(string id, string name, string? basedOn = null)
    {
        var style = new W.Style(new W.StyleName { Val = name }) { Type = W.StyleValues.Paragraph, StyleId = id };
        if (basedOn is not null) style.Append(new W.BasedOn { Val = basedOn });
        return style;
    }
}
