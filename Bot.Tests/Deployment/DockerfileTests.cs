using System.Text.RegularExpressions;
using Bot.Tests.Support;

namespace Bot.Tests.Deployment;

/// <summary>No Docker engine runs here, so the Dockerfile is kept right by reading it: what it copies must exist and be in the build context.</summary>
public sealed partial class DockerfileTests
{
    [Fact]
    public void EveryPathTheDockerfileCopies_ExistsAndIsNotIgnored()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile"));
        var ignored = File.ReadAllLines(Path.Combine(Repo.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var copies = lines.Select(l => Copy().Match(l.Replace("--chown=1654:1654 ", "", StringComparison.Ordinal))).Where(m => m.Success).ToList();
        Assert.True(copies.Count >= 5, "the Dockerfile copies the solution files, both projects and knowledge/");
        foreach (var match in copies)
        {
            var sources = match.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            foreach (var source in sources)
            {
                var path = Path.Combine(Repo.Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such path in the repository");
                Assert.DoesNotContain(ignored, pattern => pattern.TrimEnd('/').Trim('*', '/') is var p && p.Length > 0 &&
                    (source.TrimEnd('/') == p || source.StartsWith(p + "/", StringComparison.Ordinal)));
            }
        }

        Assert.Contains(lines, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root"));
        Assert.Contains(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.Contains(" AS build"));
    }

    [Fact]
    public void Runtime_RunsAsANumericUser_OwnsItsFolders_ChecksHealth_AndPublishesForOnePlatform()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile"));
        var runtime = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime", StringComparison.Ordinal)).ToList();
        Assert.Contains("USER 1654", runtime); // numeric, so Kubernetes' runAsNonRoot can verify it
        Assert.Contains(runtime, l => l.StartsWith("COPY --chown=1654:1654 knowledge/", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Contains("chown 1654:1654 /app/data", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.EndsWith("CMD [\"dotnet\", \"Bot.Host.dll\", \"health\"]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("VOLUME", StringComparison.Ordinal)); // no anonymous volumes
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal) && l.Contains("-a $TARGETARCH", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && l.Contains("-a $TARGETARCH", StringComparison.Ordinal));
        Assert.Contains("ARG TARGETARCH", lines);
    }

    [GeneratedRegex(@"^COPY (?!--from)(?<args>.+)$")]
    private static partial Regex Copy();
}
