using System.Text.Json;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// The table "Tweaks that are tested" in notebooks/README.md, run: one <c>course sweep</c> process runs every
/// row (each row is its notebook with its <c>--set</c> values), and each row's executed copy must have no error
/// output and nothing on stderr. The rows are read from the README when the tests run, by the same parser the
/// command uses, so the table and the test cannot drift apart.
/// </summary>
public sealed class TweakSweepTests(TweakSweepTests.SweepRun sweep, ITestOutputHelper output) : IClassFixture<TweakSweepTests.SweepRun>
{
    /// <summary>The one run of <c>course sweep</c> over the whole table, started by the first test that needs it.</summary>
    public sealed class SweepRun
    {
        private readonly Lazy<(Processes.Result Run, string Artifacts)> _run = new(() =>
        {
            var artifacts = Repo.NewTempDirectory();
            var run = Processes.Run("dotnet", [Repo.CourseDll, "sweep", "--output", artifacts], Repo.Root, TimeSpan.FromMinutes(25));
            return (run, artifacts);
        });

        internal Processes.Result Run => _run.Value.Run;

        public string ExecutedFolder => Path.Combine(_run.Value.Artifacts, Sweep.Folder);
    }

    public static IReadOnlyList<TweakTable.Tweak> FromReadme() => TweakTable.Read(Path.Combine(Repo.Notebooks, "README.md"));

    public static TheoryData<string> Tweaks()
    {
        var data = new TheoryData<string>();
        foreach (var tweak in FromReadme()) data.Add(Name(tweak));
        if (data.Count == 0) data.Add("(no table)");
        return data;
    }

    private static string Name(TweakTable.Tweak tweak) => $"row {tweak.Row}: {tweak}";

    [Fact]
    public void TheTable_HasAtLeastFourTweaksForEveryNotebook_EachSettingANameTheParametersCellDeclares()
    {
        var tweaks = FromReadme();
        foreach (var path in CommandLine.AllNotebooks(Repo.Notebooks))
        {
            var prefix = Path.GetFileName(path)[..2];
            var mine = tweaks.Where(t => t.Notebook == prefix).ToList();
            Assert.True(mine.Count >= 4, $"notebooks/README.md, \"{TweakTable.Section}\": {mine.Count} rows for {Path.GetFileName(path)}; at least 4 are required");

            var document = NotebookRunner.Load(path);
            var declared = Parameters.Declared(document.Elements[Parameters.FindCell(document)].Contents).Select(d => d.Name).ToHashSet();
            foreach (var tweak in mine)
            {
                foreach (var name in tweak.Parameters.Keys)
                {
                    Assert.True(declared.Contains(name), $"{Name(tweak)}: the parameters cell of {Path.GetFileName(path)} declares no '{name}'");
                }
            }
        }
    }

    [Fact]
    public void TheSweep_ExitsZero()
    {
        output.WriteLine(sweep.Run.Output);
        Assert.False(sweep.Run.TimedOut, "course sweep did not finish in 25 minutes");
        Assert.True(sweep.Run.ExitCode == 0, $"course sweep exited with {sweep.Run.ExitCode}; its table:\n{Table(sweep.Run.Output)}");
    }

    [Theory]
    [MemberData(nameof(Tweaks))]
    public void Tweak_RunsToTheEnd_WithNoErrorOutput(string tweak)
    {
        var row = FromReadme().SingleOrDefault(t => Name(t) == tweak);
        Assert.True(row is not null, $"no row \"{tweak}\" in notebooks/README.md, \"{TweakTable.Section}\"");
        var notebook = CommandLine.AllNotebooks(Repo.Notebooks).Single(p => Path.GetFileName(p).StartsWith(row.Notebook, StringComparison.Ordinal));
        var executed = Path.Combine(sweep.ExecutedFolder, row.ExecutedName(notebook));

        var line = sweep.Run.Output.Split('\n').FirstOrDefault(l => l.StartsWith($"{row.Row,3}  {row}", StringComparison.Ordinal));
        output.WriteLine(line ?? $"(no line for {tweak} in the sweep's table; the sweep exited with {sweep.Run.ExitCode})");
        Assert.True(sweep.Run.ExitCode is 0 or CommandLine.NotebookFailed, $"{tweak}: course sweep exited with {sweep.Run.ExitCode}:\n{sweep.Run.Output}");
        Assert.True(File.Exists(executed), $"{tweak}: no executed copy {executed}; the sweep's table:\n{Table(sweep.Run.Output)}");

        var (errors, stderr) = ErrorsAndStderr(executed);
        Assert.True(errors.Count == 0, $"{tweak}: error output\n{string.Join("\n", errors)}");
        Assert.True(stderr.Count == 0, $"{tweak}: stderr output (a compiler warning or Console.Error)\n{string.Join("\n", stderr)}");
        Assert.True(line is not null && line.Contains(" passed ", StringComparison.Ordinal), $"{tweak}: the sweep's table says\n{line}");
    }

    /// <summary>The error outputs and stderr streams of an executed notebook, each with its cell.</summary>
    internal static (List<string> Errors, List<string> Stderr) ErrorsAndStderr(string executedNotebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(executedNotebook));
        var outputs = json.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany((cell, i) => (cell.TryGetProperty("outputs", out var o) ? o.EnumerateArray().ToList() : []).Select(o => (Cell: i + 1, Output: o)))
            .ToList();
        var errors = outputs.Where(o => o.Output.GetProperty("output_type").GetString() == "error")
            .Select(o => $"element {o.Cell}: {o.Output}").ToList();
        var stderr = outputs.Where(o => o.Output.GetProperty("output_type").GetString() == "stream" && o.Output.GetProperty("name").GetString() == "stderr")
            .Select(o => $"element {o.Cell}: {o.Output}").ToList();
        return (errors, stderr);
    }

    /// <summary>The sweep's closing table, for a failure message.</summary>
    private static string Table(string output)
    {
        var start = output.IndexOf("\nrow  tweak", StringComparison.Ordinal);
        return start < 0 ? output : output[(start + 1)..];
    }
}
