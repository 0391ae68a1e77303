using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Bot.Bench.Fixtures;

/// <summary>
/// Writes the PDF test fixtures in Bot.Tests/Fixtures: a three-page Kazakh document with a real text layer, a "scan" with
/// no text, and a password-protected one. Needs a TrueType font with Kazakh letters (DejaVu Sans; its licence allows
/// embedding); the subset embedded in the PDF is all that ships.
/// </summary>
public static class PdfFixtures
{
    private static readonly (string Heading, string[] Paragraphs)[] Pages =
    [
        ("Алматы", [
            "Алматы — Қазақстанның ең ірі қаласы. Қала Іле Алатауының солтүстік етегінде орналасқан.",
            "1929 жылдан 1997 жылға дейін Алматы елдің астанасы болды. Бүгін ол республикалық маңызы бар қала.",
        ]),
        ("Астана", [
            "Астана 1997 жылы Қазақстанның астанасы болды. Қала Есіл өзенінің жағасында орналасқан.",
            "Бәйтерек монументі Астананың символы саналады. Оның биіктігі 97 метр.",
        ]),
        ("Шымкент", [
            "Шымкент елдің оңтүстігінде орналасқан. Тұрғындарының саны бойынша ол үшінші қала.",
            "2018 жылы Шымкент республикалық маңызы бар қала мәртебесін алды.",
        ]),
    ];

    public static int Write(string folder, string font)
    {
        Directory.CreateDirectory(folder);
        var text = new PdfDocumentBuilder();
        text.DocumentInformation.Title = "Қазақстан қалалары";
        var regular = text.AddTrueTypeFont(File.ReadAllBytes(font));
        foreach (var (heading, paragraphs) in Pages)
        {
            var page = text.AddPage(PageSize.A4);
            double y = 780;
            page.AddText(heading, 16, new PdfPoint(50, y), regular);
            y -= 34;
            foreach (var paragraph in paragraphs)
            {
                foreach (var line in Wrap(paragraph, 80))
                {
                    page.AddText(line, 11, new PdfPoint(50, y), regular);
                    y -= 15;
                }

                y -= 12;
            }
        }

        var bytes = text.Build();
        File.WriteAllBytes(Path.Combine(folder, "kazakh-cities.pdf"), bytes);

        var scan = new PdfDocumentBuilder();
        var only = scan.AddPage(PageSize.A4);
        only.DrawRectangle(new PdfPoint(50, 400), 400, 300, 2, fill: true); // an "image": marks, no text
        File.WriteAllBytes(Path.Combine(folder, "scanned.pdf"), scan.Build());

        File.WriteAllBytes(Path.Combine(folder, "encrypted.pdf"), Encrypt(bytes));
        Console.WriteLine($"wrote kazakh-cities.pdf ({bytes.Length} bytes), scanned.pdf, encrypted.pdf to {folder}");
        return 0;
    }

    // A standard security handler (RC4, revision 3) whose user password is not empty: no reader opens it without one.
    private static byte[] Encrypt(byte[] pdf)
    {
        var latin = Encoding.Latin1.GetString(pdf);
        var trailer = latin.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = latin.IndexOf("<<", trailer, StringComparison.Ordinal);
        var o = Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());
        var u = Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 5)).ToArray());
        var id = Convert.ToHexString(Enumerable.Range(0, 16).Select(i => (byte)(i * 13 + 1)).ToArray());
        var encrypt = $" /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /O <{o}> /U <{u}> /P -3904 >> /ID [<{id}> <{id}>] ";
        return Encoding.Latin1.GetBytes(latin[..(open + 2)] + encrypt + latin[(open + 2)..]);
    }

    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }

        if (line.Length > 0) yield return line.ToString();
    }
}
