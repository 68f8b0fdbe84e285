using System.Text.Json;

namespace Autodiff.Course.Tests;

/// <summary>
/// Runs a notebook in the kernel users have: the stock .NET Interactive engine, through the
/// dotnet-repl tool pinned in .config/dotnet-tools.json (it exits 2 when a cell fails). The tool
/// starts in the notebook's folder, as VS Code does, so relative #r paths resolve the same way.
/// </summary>
internal static class StockKernel
{
    public sealed record Result(bool Succeeded, string? FailureMessage, string Log);

    private static readonly Lazy<string> ToolRestore = new(() =>
    {
        var restore = Processes.Run("dotnet", ["tool", "restore"], Repo.Root, TimeSpan.FromMinutes(5));
        return restore.ExitCode == 0 ? "" : $"dotnet tool restore failed ({restore.ExitCode}):\n{restore.Output}";
    });

    public static Result Run(string notebook)
    {
        if (ToolRestore.Value.Length > 0)
        {
            return new Result(false, ToolRestore.Value, "");
        }

        var executed = Path.Combine(Repo.NewTempDirectory(), Path.GetFileName(notebook));
        var run = Processes.Run(
            "dotnet",
            ["tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", executed],
            Path.GetDirectoryName(notebook)!,
            TimeSpan.FromMinutes(10),
            // The notebook runs with its own parameters: its lesson claims are strict, as in the course runner.
            new Dictionary<string, string> { ["AUTODIFF_STRICT_LESSONS"] = "1" });

        if (run.ExitCode == 0 && !run.TimedOut)
        {
            return new Result(true, null, run.Output);
        }

        var what = run.TimedOut ? "timed out after 10 minutes" : $"exited {run.ExitCode}";
        var where = File.Exists(executed) ? FirstError(executed) : "(it wrote no executed notebook)";
        return new Result(false, $"{Path.GetFileName(notebook)} in the stock kernel (dotnet-repl): {what}; {where}\n{run.Output}", run.Output);
    }

    /// <summary>The first error output of an executed notebook, with its cell number and first line.</summary>
    private static string FirstError(string executed)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(executed));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        for (var i = 0; i < cells.Count; i++)
        {
            if (!cells[i].TryGetProperty("outputs", out var outputs))
            {
                continue;
            }
            foreach (var output in outputs.EnumerateArray())
            {
                if (output.GetProperty("output_type").GetString() == "error")
                {
                    var source = cells[i].GetProperty("source");
                    var code = source.ValueKind == JsonValueKind.Array
                        ? string.Concat(source.EnumerateArray().Select(l => l.GetString()))
                        : source.GetString() ?? "";
                    return $"cell {i + 1} of {cells.Count} failed (first line: {NotebookRunner.FirstLine(code)}): {output.GetProperty("evalue").GetString()}";
                }
            }
        }
        return "no cell has an error output";
    }
}
