using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Bot.Host.Answering;
using Bot.Host.Embeddings;
using Bot.Host.Knowledge;
using Bot.Host.Telegram;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Index;
using Bot.Retrieval.Index.Qdrant;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Host.Configuration;

/// <summary>
/// Checks every configuration value before anything is built from it: a value that does not convert, is out of range
/// or names no allowed choice is an error naming the key and what it allows (one line each, instead of the binder's
/// stack trace); a key under a known section that no option reads, or a section nobody reads, is a warning (a typo such
/// as Serch:TopK or Search:TopKk would otherwise pass silently).
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Every option record the program binds, by its section.</summary>
    public static readonly IReadOnlyList<(string Section, Type Type)> Sections =
    [
        (KnowledgeOptions.SectionName, typeof(KnowledgeOptions)),
        (IndexProviderOptions.SectionName, typeof(IndexProviderOptions)),
        (EmbeddedIndexOptions.SectionName, typeof(EmbeddedIndexOptions)),
        (QdrantOptions.SectionName, typeof(QdrantOptions)),
        (EmbeddingsOptions.SectionName, typeof(EmbeddingsOptions)),
        (AnsweringOptions.SectionName, typeof(AnsweringOptions)),
        (AnalyzerOptions.SectionName, typeof(AnalyzerOptions)),
        (ChunkerOptions.SectionName, typeof(ChunkerOptions)),
        (SearchOptions.SectionName, typeof(SearchOptions)),
        (ExtractionLimits.SectionName, typeof(ExtractionLimits)),
        (TelegramOptions.SectionName, typeof(TelegramOptions)),
        (Speech.SpeechOptions.SectionName, typeof(Speech.SpeechOptions)),
        (Feedback.FeedbackOptions.SectionName, typeof(Feedback.FeedbackOptions)),
    ];

    /// <summary>Every key an option reads ("Search:TopK", "Telegram:AdminUserIds"), for the README's table and the compose file.</summary>
    public static IEnumerable<string> Keys => Sections.SelectMany(s => Settable(s.Type).Select(p => $"{s.Section}:{p.Name}"));

    private static readonly string[] LogLevels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public sealed record Result(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

    public static Result Check(IConfiguration configuration)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var (section, type) in Sections)
        {
            var node = configuration.GetSection(section);
            var properties = Settable(type);
            bool convertible = true;
            foreach (var child in node.GetChildren())
            {
                if (Sections.Any(s => string.Equals(s.Section, child.Path, StringComparison.OrdinalIgnoreCase))) continue;
                var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    warnings.Add($"{child.Path} is not a setting anyone reads, and is ignored ({section} has: {string.Join(", ", properties.Select(p => p.Name))}).");
                    continue;
                }

                foreach (var error in Convert(child, property))
                {
                    errors.Add(error);
                    convertible = false;
                }
            }

            // Only once every value converts can the record be bound and its rules checked.
            if (!convertible) continue;
            var options = node.Get(type) ?? Activator.CreateInstance(type)!;
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                errors.AddRange(results.Select(r => Describe(node, type, r)));
        }

        CheckLogLevels(configuration, errors);
        foreach (var top in configuration.GetChildren())
        {
            // Environment variables without a section (PATH, HOME) are not settings; a section with keys is meant as one.
            if (!top.GetChildren().Any() || Known(top.Key)) continue;
            warnings.Add($"{top.Key}: no setting of this program lives in a section of that name, and it is ignored (sections: {string.Join(", ", TopSections)}).");
        }

        return new Result(errors, warnings);
    }

    private static IEnumerable<string> TopSections =>
        Sections.Select(s => s.Section.Split(':')[0]).Append("Serilog").Distinct();

    private static bool Known(string key) =>
        TopSections.Contains(key, StringComparer.OrdinalIgnoreCase) || key.Equals("Logging", StringComparison.OrdinalIgnoreCase);

    private static List<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).ToList();

    // The value (or each element) against the property's type: one message naming the key, the value and what it allows.
    private static IEnumerable<string> Convert(IConfigurationSection node, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            foreach (var item in node.GetChildren())
                if (item.Value is { } v && Problem(v, element, property) is { } p) yield return $"{item.Path}={v}: {p}";
            if (node.Value is { Length: > 0 } scalar && !node.GetChildren().Any())
                yield return $"{node.Path}={scalar}: a list is needed (in JSON [1, 2]; in the environment {node.Path.Replace(":", "__", StringComparison.Ordinal)}__0=1)";
            yield break;
        }

        if (node.Value is null)
        {
            if (node.GetChildren().Any()) yield return $"{node.Path}: a single value is needed, not a section";
            yield break;
        }

        if (Problem(node.Value, type, property) is { } problem) yield return $"{node.Path}={node.Value}: {problem}";
    }

    private static string? Problem(string value, Type type, PropertyInfo property)
    {
        var range = property.GetCustomAttribute<RangeAttribute>();
        string Between() => range is null ? "" : $" from {range.Minimum} to {range.Maximum}";
        if (type == typeof(string)) return null;
        if (type == typeof(bool)) return bool.TryParse(value, out _) ? null : "allowed: true or false";
        if (type == typeof(int) || type == typeof(long))
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && (type == typeof(long) || n is >= int.MinValue and <= int.MaxValue)
                ? null : $"allowed: a whole number{Between()}";
        if (type == typeof(double))
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? null : $"allowed: a number{Between()}, with a point for decimals (0.5, not 0,5)";
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return names.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase) ? null : $"allowed: {string.Join(", ", names)}";
        }

        return null;
    }

    // DataAnnotations' message with the key in front, unless the message already names it.
    private static string Describe(IConfigurationSection node, Type type, ValidationResult result)
    {
        var section = node.Path;
        var member = result.MemberNames.FirstOrDefault();
        var key = member is null ? section : $"{section}:{member}";
        if (member is not null && node[member] is { } value) key += "=" + value;
        var message = result.ErrorMessage ?? "is not valid";
        if (message.StartsWith(section + ":", StringComparison.Ordinal)) return message;
        var property = member is null ? null : type.GetProperty(member);
        // "The field TopK must be between 1 and 50." reads better as "Search:TopK: must be between 1 and 50".
        var field = $"The field {member} ";
        if (message.StartsWith(field, StringComparison.Ordinal)) message = message[field.Length..].TrimEnd('.');
        return property?.GetCustomAttribute<RangeAttribute>() is { } range && message.Contains("between", StringComparison.Ordinal)
            ? $"{key}: allowed: {range.Minimum} to {range.Maximum}"
            : $"{key}: {message}";
    }

    // Serilog reads its own section; a level it does not know would end in its stack trace.
    private static void CheckLogLevels(IConfiguration configuration, List<string> errors)
    {
        var minimum = configuration.GetSection("Serilog:MinimumLevel");
        var levels = new List<IConfigurationSection>();
        if (minimum.Value is not null) levels.Add(minimum);
        if (minimum.GetSection("Default") is { Value: not null } level) levels.Add(level);
        levels.AddRange(minimum.GetSection("Override").GetChildren().Where(c => c.Value is not null));
        foreach (var entry in levels)
        {
            if (!LogLevels.Contains(entry.Value!.Trim(), StringComparer.OrdinalIgnoreCase))
                errors.Add($"{entry.Path}={entry.Value}: allowed: {string.Join(", ", LogLevels)}");
        }
    }
}
