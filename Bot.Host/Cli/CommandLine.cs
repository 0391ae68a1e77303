namespace Bot.Host.Cli;

/// <summary>
/// The parsed command line (../docs/cli-contract.md): a verb, its flags, and configuration overrides
/// (--Section:Key=value, plus --knowledge and --index as shorthands).
/// </summary>
public sealed record CommandLine(
    string? Verb,
    IReadOnlyList<string> Positional,
    bool Json,
    bool Full,
    string? File,
    int K,
    IReadOnlyDictionary<string, string?> Configuration)
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "ask", "index", "eval", "analyze", "health" };

    /// <summary>Parses <paramref name="args"/>; a usage problem comes back as <paramref name="error"/>.</summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        error = null;
        string? verb = null, file = null;
        bool json = false, full = false;
        int k = 10;
        var positional = new List<string>();
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Length) return args[++i];
                return null;
            }

            switch (arg)
            {
                case "--json": json = true; continue;
                case "--full": full = true; continue;
                case "--file":
                    file = Value();
                    if (file is null) { error = "--file needs a path"; return null; }
                    continue;
                case "--k":
                    if (!int.TryParse(Value(), out k) || k is < 1 or > 100) { error = "--k needs a number from 1 to 100"; return null; }
                    continue;
                case "--knowledge":
                    configuration["Knowledge:Folder"] = Value() ?? (error = "--knowledge needs a folder");
                    if (error is not null) return null;
                    continue;
                case "--index":
                    configuration["Index:Embedded:Path"] = Value() ?? (error = "--index needs a path");
                    if (error is not null) return null;
                    continue;
                case "--":
                    positional.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':'))
            {
                var eq = arg.IndexOf('=');
                if (eq < 0) { error = $"{arg}: write configuration keys as --Section:Key=value"; return null; }
                configuration[arg[2..eq]] = arg[(eq + 1)..];
                continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal)) { error = $"unknown option {arg}"; return null; }
            if (verb is null && positional.Count == 0 && Verbs.Contains(arg)) { verb = arg; continue; }
            positional.Add(arg);
        }

        if (verb is null && positional.Count > 0) { error = $"unknown verb '{positional[0]}' (verbs: ask, index, eval, analyze, health)"; return null; }
        if (verb == "ask" && positional.Count == 0 && file is null) { error = "ask needs a question: ask \"QUESTION\" or ask --json --file FILE.jsonl"; return null; }
        if (verb == "ask" && file is not null && !json) { error = "ask --file needs --json"; return null; }
        if (verb == "analyze" && positional.Count == 0) { error = "analyze needs a text: analyze \"TEXT\""; return null; }
        if (verb == "eval" && positional.Count != 1) { error = "eval needs one evaluation file: eval FILE.jsonl [--k 10] [--json]"; return null; }
        return new CommandLine(verb, positional, json, full, file, k, configuration);
    }
}
