using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Bench.Lexicon;

/// <summary>
/// Kazakh and Russian interface translations of one program, paired by their message id: gettext catalogs (.mo, as
/// LibreOffice ships them) and Mozilla's language packs (.ftl, .properties, .dtd). Untranslated and empty messages are left out.
/// </summary>
public static partial class Catalogs
{
    /// <summary>Every (Russian, Kazakh) pair of messages found under <paramref name="root"/> (the folder fetch-sources.sh fills).</summary>
    public static List<(string Russian, string Kazakh)> Pairs(string root, out Dictionary<string, int> perSource)
    {
        perSource = [];
        var pairs = new List<(string, string)>();
        foreach (var kk in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var ru = Counterpart(kk);
            if (ru is null || !File.Exists(ru)) continue;
            var kazakh = Read(kk);
            var russian = Read(ru);
            int before = pairs.Count;
            foreach (var (key, k) in kazakh)
            {
                if (russian.TryGetValue(key, out var r) && r.Length > 0 && k.Length > 0 && r != k) pairs.Add((r, k));
            }

            var source = kk.Contains("libreoffice", StringComparison.Ordinal) ? "LibreOffice" : kk.Contains("thunderbird", StringComparison.Ordinal) ? "Thunderbird" : "Firefox ESR";
            perSource[source] = perSource.GetValueOrDefault(source) + pairs.Count - before;
        }

        return pairs;
    }

    // The Russian file beside a Kazakh one: the same path with the locale's segments ("kk", "langpack-kk@…") as "ru".
    private static string? Counterpart(string kazakhPath)
    {
        var parts = kazakhPath.Split('/');
        bool changed = false;
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "kk") (parts[i], changed) = ("ru", true);
            else if (parts[i].Contains("langpack-kk@", StringComparison.Ordinal)) (parts[i], changed) = (parts[i].Replace("langpack-kk@", "langpack-ru@"), true);
        }

        return changed && Path.GetExtension(kazakhPath) is ".mo" or ".ftl" or ".properties" or ".dtd" ? string.Join('/', parts) : null;
    }

    private static Dictionary<string, string> Read(string path) => Path.GetExtension(path) switch
    {
        ".mo" => ReadMo(File.ReadAllBytes(path)),
        ".ftl" => ReadFtl(File.ReadAllLines(path)),
        ".properties" => ReadProperties(File.ReadAllLines(path)),
        _ => ReadDtd(File.ReadAllText(path)),
    };

    // GNU gettext's binary catalog: a header, then tables of (length, offset) for the ids and for the translations.
    private static Dictionary<string, string> ReadMo(byte[] bytes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bytes.Length < 28) return result;
        bool little = BitConverter.ToUInt32(bytes, 0) == 0x950412de;
        uint U(int at) => little ? BitConverter.ToUInt32(bytes, at) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        int count = (int)U(8), ids = (int)U(12), translations = (int)U(16);
        for (int i = 0; i < count; i++)
        {
            var id = Encoding.UTF8.GetString(bytes, (int)U(ids + 8 * i + 4), (int)U(ids + 8 * i));
            var text = Encoding.UTF8.GetString(bytes, (int)U(translations + 8 * i + 4), (int)U(translations + 8 * i));
            if (id.Length == 0) continue; // the header
            result[id] = text.Split('\0')[0]; // the first plural form
        }

        return result;
    }

    // Fluent: "id = value" at the line start, indented continuation lines, ".attribute = value" lines. Messages that
    // select a variant ("->") are left out: their pieces do not line up across languages.
    private static Dictionary<string, string> ReadFtl(string[] lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null, key = null;
        var value = new StringBuilder();
        void Flush()
        {
            if (key is not null && !value.ToString().Contains("->", StringComparison.Ordinal)) result[key] = value.ToString().Trim();
            key = null;
            value.Clear();
        }

        foreach (var line in lines)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (!char.IsWhiteSpace(line[0]) && line.IndexOf('=') is > 0 and var eq)
            {
                Flush();
                id = line[..eq].Trim();
                key = id;
                value.Append(line[(eq + 1)..]);
            }
            else if (line.TrimStart().StartsWith('.') && line.IndexOf('=') is > 0 and var at && id is not null)
            {
                Flush();
                key = id + line[..at].Trim();
                value.Append(line[(at + 1)..]);
            }
            else if (key is not null)
            {
                value.Append(' ').Append(line.Trim());
            }
        }

        Flush();
        return result;
    }

    private static Dictionary<string, string> ReadProperties(string[] lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.StartsWith('#') || line.IndexOf('=') is not (> 0 and var eq)) continue;
            result[line[..eq].Trim()] = line[(eq + 1)..].Split(';')[0].Trim(); // Mozilla writes plural forms with ';'
        }

        return result;
    }

    private static Dictionary<string, string> ReadDtd(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Entity().Matches(text)) result[m.Groups[1].Value] = m.Groups[2].Value;
        return result;
    }

    [GeneratedRegex("<!ENTITY\\s+(\\S+)\\s+\"([^\"]*)\"\\s*>")]
    private static partial Regex Entity();
}
