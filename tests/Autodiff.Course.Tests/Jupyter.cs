using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autodiff.Course.Tests;

/// <summary>
/// A test that needs Jupyter's nbconvert (Debian packages <c>jupyter-nbconvert python3-nbclient</c>). Skipped,
/// with the reason, on a machine without it, unless <c>COURSE_REQUIRE_JUPYTER=1</c> (set by .ci/run): then a
/// missing Jupyter is a failure, so CI cannot pass by skipping.
/// </summary>
public class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        if (Jupyter.Python is null && !Jupyter.Required)
        {
            Skip = "jupyter nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient); set COURSE_REQUIRE_JUPYTER=1 to make this a failure";
        }
    }
}

/// <summary>A <see cref="JupyterTheoryAttribute"/> that also needs headless Chromium (see <see cref="ChromiumFactAttribute"/>).</summary>
public sealed class JupyterAndChromiumTheoryAttribute : JupyterTheoryAttribute
{
    public JupyterAndChromiumTheoryAttribute()
    {
        if (Skip is null && Chromium.Executable is null && !Chromium.Required)
        {
            Skip = "chromium is not installed (apt-get install chromium); set COURSE_REQUIRE_CHROMIUM=1 to make this a failure";
        }
    }
}

/// <summary>
/// Jupyter with the .NET kernel, as a learner runs it: <c>jupyter nbconvert --execute</c> with the kernelspec that
/// <c>dotnet tool run dotnet-interactive -- jupyter install</c> writes (here into a private folder named by
/// <c>JUPYTER_PATH</c>, with <c>--http-local-only</c>, so the user's own kernels are neither used nor changed).
/// </summary>
internal static class Jupyter
{
    public const string KernelName = ".net-csharp";

    public static bool Required => System.Environment.GetEnvironmentVariable("COURSE_REQUIRE_JUPYTER") == "1";

    /// <summary>A Python that has nbconvert: Debian's first (a pyenv python3 on PATH may lack it).</summary>
    public static string? Python { get; } = new[] { "/usr/bin/python3", "python3" }
        .FirstOrDefault(python => Try(python, ["-m", "nbconvert", "--version"]));

    public sealed record Run(string Directory, string Log, TimeSpan Elapsed, bool Succeeded);

    private static readonly Lazy<string> KernelSpecs = new(InstallKernelSpec);

    /// <summary>
    /// Executes the notebooks in one nbconvert process (a fresh kernel each, in the notebook's folder),
    /// keeping going after an error (<c>--allow-errors</c>) so that every notebook gets its outputs.
    /// </summary>
    public static Run Execute(IReadOnlyList<string> notebooks)
    {
        var python = Python ?? throw new InvalidOperationException(
            "jupyter nbconvert is required (COURSE_REQUIRE_JUPYTER=1) but not installed: apt-get install -y jupyter-nbconvert python3-nbclient");
        var output = Repo.NewTempDirectory();
        var run = Processes.Run(
            python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
             $"--ExecutePreprocessor.kernel_name={KernelName}", "--ExecutePreprocessor.timeout=900",
             "--output-dir", output, .. notebooks],
            Path.GetDirectoryName(notebooks[0])!,
            TimeSpan.FromMinutes(30),
            Variables());
        return new Run(output, run.Output, run.Elapsed, run.ExitCode == 0 && !run.TimedOut);
    }

    /// <summary>An executed notebook as HTML (<c>nbconvert --to html</c>), to look at in a browser.</summary>
    public static string ToHtml(string executedNotebook)
    {
        var python = Python ?? throw new InvalidOperationException("jupyter nbconvert is not installed");
        var run = Processes.Run(python, ["-m", "nbconvert", "--to", "html", executedNotebook],
            Path.GetDirectoryName(executedNotebook)!, TimeSpan.FromMinutes(5), Variables());
        var html = Path.ChangeExtension(executedNotebook, ".html");
        if (run.ExitCode != 0 || !File.Exists(html))
        {
            throw new InvalidOperationException($"nbconvert --to html exited {run.ExitCode}:\n{run.Output}");
        }
        return html;
    }

    /// <summary>The problems of an executed notebook: error outputs and stderr streams (warnings included), by cell.</summary>
    public static List<string> Problems(string executedNotebook)
    {
        var problems = new List<string>();
        var cells = JsonNode.Parse(File.ReadAllText(executedNotebook))!["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            if (cell["outputs"] is not JsonArray outputs)
            {
                continue;
            }
            var where = $"cell {i + 1} of {cells.Count} (first line: {NotebookRunner.FirstLine(Source(cell))})";
            foreach (var output in outputs)
            {
                switch ((string?)output!["output_type"])
                {
                    case "error":
                        problems.Add($"{where}: error {output["ename"]}: {output["evalue"]}");
                        break;
                    case "stream" when (string?)output["name"] == "stderr":
                        problems.Add($"{where}: stderr: {Lines(output["text"]).Trim()}");
                        break;
                }
            }
        }
        return problems;
    }

    /// <summary>The chart outputs of an executed notebook (a <c>Plotly.newPlot</c> call each).</summary>
    public static int ChartCount(string executedNotebook) =>
        JsonNode.Parse(File.ReadAllText(executedNotebook))!["cells"]!.AsArray()
            .SelectMany(cell => cell!["outputs"] as JsonArray ?? [])
            .Select(output => output!["data"]?["text/html"])
            .Count(html => html is not null && Lines(html) is var text
                && text.Contains("Plotly.newPlot(", StringComparison.Ordinal)
                && !text.Contains("data-autodiff-plotly-loader", StringComparison.Ordinal));

    private static string Source(JsonNode cell) => Lines(cell["source"]);

    private static string Lines(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    private static Dictionary<string, string> Variables() => new()
    {
        ["JUPYTER_PATH"] = KernelSpecs.Value,
        // Debian's Python 3.11 debugger prints a frozen-modules notice on every start.
        ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
    };

    private static string InstallKernelSpec()
    {
        var restore = Processes.Run("dotnet", ["tool", "restore"], Repo.Root, TimeSpan.FromMinutes(5));
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed ({restore.ExitCode}):\n{restore.Output}");
        }
        var root = Repo.NewTempDirectory();
        var kernels = Path.Combine(root, "kernels");
        Directory.CreateDirectory(kernels);
        var install = Processes.Run("dotnet", ["tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", kernels],
            Repo.Root, TimeSpan.FromMinutes(5));
        var spec = Path.Combine(kernels, KernelName, "kernel.json");
        if (install.ExitCode != 0 || !File.Exists(spec))
        {
            throw new InvalidOperationException($"dotnet-interactive jupyter install exited {install.ExitCode} (run `dotnet tool restore`):\n{install.Output}");
        }

        // The kernel listens on loopback only.
        var json = JsonNode.Parse(File.ReadAllText(spec))!;
        var argv = json["argv"]!.AsArray();
        if (!argv.Any(a => (string?)a == "--http-local-only"))
        {
            argv.Add("--http-local-only");
        }
        File.WriteAllText(spec, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return root;
    }

    private static bool Try(string program, string[] arguments)
    {
        try
        {
            return Processes.Run(program, arguments, Path.GetTempPath(), TimeSpan.FromMinutes(1)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
