using System.Diagnostics;
using System.Text;
using Autodiff.Course;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>Paths of the checkout the tests run in.</summary>
internal static class Repo
{
    public static string Root { get; } = CommandLine.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"no Autodiff.slnx above {AppContext.BaseDirectory}");

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static string Fixture(string name) => Path.Combine(Root, "tests", "Autodiff.Course.Tests", "Fixtures", name + ".ipynb");

    /// <summary>
    /// The course command as built next to this test project (same configuration), or the DLL that
    /// <c>AUTODIFF_COURSE_DLL</c> names (to run the command's tests against another build of it).
    /// </summary>
    public static string CourseDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("AUTODIFF_COURSE_DLL") is { Length: > 0 } other)
            {
                return other;
            }
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(Root, "src", "Autodiff.Course", "bin", configuration, "net10.0", "Autodiff.Course.dll");
        }
    }

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "autodiff-course-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Runs a program to the end (or kills it), collecting stdout and stderr together.</summary>
internal static class Processes
{
    public sealed record Result(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed);

    public static Result Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.WaitForExit(); // drains the output
        lock (output)
        {
            return new Result(exited ? process.ExitCode : -1, output.ToString(), !exited, clock.Elapsed);
        }
    }
}

/// <summary>Progress lines of the runner, shown in the test's output.</summary>
internal sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string All { get; private set; } = "";

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                var line = _line.ToString().TrimEnd('\r');
                All += line + "\n";
                _line.Clear();
                try { output.WriteLine(line); } catch (InvalidOperationException) { /* test already finished */ }
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
