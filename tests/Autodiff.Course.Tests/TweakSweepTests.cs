using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// The table "Tweaks that are tested" in notebooks/README.md, run: each row is one run of the course command
/// with its <c>--set</c> values, which must pass with no error output. The rows are read from the README when
/// the tests run, so the table and the test cannot drift apart.
/// </summary>
public sealed partial class TweakSweepTests(ITestOutputHelper output)
{
    private const string Section = "## Tweaks that are tested";

    /// <summary>One row: the notebook's prefix and its <c>--set</c> values.</summary>
    public sealed record Tweak(string Notebook, IReadOnlyList<string> Settings, string Stresses)
    {
        public override string ToString() => $"{Notebook} {string.Join(" ", Settings)}";
    }

    public static IReadOnlyList<Tweak> FromReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Notebooks, "README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        if (start < 0) return [];
        var section = readme[(start + Section.Length)..];
        var end = section.IndexOf("\n## ", StringComparison.Ordinal);
        return section[..(end < 0 ? section.Length : end)].Split('\n')
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => new Tweak(
                match.Groups["notebook"].Value,
                Setting().Matches(match.Groups["settings"].Value).Select(m => m.Groups[1].Value).ToList(),
                match.Groups["stresses"].Value.Trim()))
            .ToList();
    }

    public static TheoryData<string> Tweaks()
    {
        var data = new TheoryData<string>();
        foreach (var tweak in FromReadme()) data.Add(tweak.ToString());
        if (data.Count == 0) data.Add("(no table)");
        return data;
    }

    [Fact]
    public void TheTable_HasAtLeastFourTweaksForEveryNotebook_EachSettingANameTheParametersCellDeclares()
    {
        var tweaks = FromReadme();
        foreach (var path in CommandLine.AllNotebooks(Repo.Notebooks))
        {
            var prefix = Path.GetFileName(path)[..2];
            var mine = tweaks.Where(t => t.Notebook == prefix).ToList();
            Assert.True(mine.Count >= 4, $"notebooks/README.md, \"{Section}\": {mine.Count} rows for {Path.GetFileName(path)}; at least 4 are required");

            var document = NotebookRunner.Load(path);
            var declared = Parameters.Declared(document.Elements[Parameters.FindCell(document)].Contents).Select(d => d.Name).ToHashSet();
            foreach (var setting in mine.SelectMany(t => t.Settings))
            {
                Assert.Contains(setting[..setting.IndexOf('=')], declared);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Tweaks))]
    public void Tweak_RunsToTheEnd_WithNoErrorOutput(string tweak)
    {
        var row = FromReadme().SingleOrDefault(t => t.ToString() == tweak);
        Assert.True(row is not null, $"no row \"{tweak}\" in notebooks/README.md, \"{Section}\"");

        var artifacts = Repo.NewTempDirectory();
        var arguments = new List<string> { Repo.CourseDll, "run", row.Notebook, "--no-site", "--output", artifacts };
        foreach (var setting in row.Settings) arguments.AddRange(["--set", setting]);
        var run = Processes.Run("dotnet", arguments, Repo.Root, TimeSpan.FromMinutes(5));
        output.WriteLine($"{tweak}: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(run.Output);

        Assert.Equal(0, run.ExitCode);
        var executed = Assert.Single(Directory.GetFiles(Path.Combine(artifacts, "executed"), "*.ipynb"));
        using var json = JsonDocument.Parse(File.ReadAllText(executed));
        var errors = json.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(cell => cell.TryGetProperty("outputs", out var outputs) ? outputs.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(o => o.GetProperty("output_type").GetString() == "error"
                || (o.GetProperty("output_type").GetString() == "stream" && o.GetProperty("name").GetString() == "stderr"))
            .Select(o => o.ToString())
            .ToList();
        Assert.True(errors.Count == 0, $"{tweak}: error output\n{string.Join("\n", errors)}");
    }

    // | 03 | `learningRate=0.112` `steps=50` | what it stresses |
    [GeneratedRegex(@"^\|\s*(?<notebook>\d\d)\s*\|(?<settings>[^|]*`[^|]*)\|(?<stresses>[^|]*)\|\s*$")]
    private static partial Regex Row();

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_]*=[^`]+)`")]
    private static partial Regex Setting();
}
