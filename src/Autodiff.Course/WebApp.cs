using System.Diagnostics;

namespace Autodiff.Course;

/// <summary>
/// The web app (src/Autodiff.Web: the notebooks, runnable in the browser), published next to the static site:
/// <c>OUTPUT/web/index.html?nb=02-gradient-descent</c> is the runnable twin of <c>OUTPUT/site/02-gradient-descent.html</c>.
/// </summary>
public static class WebApp
{
    /// <summary>Set to <c>0</c> to skip the web app (the tests do: publishing takes a minute or more).</summary>
    public const string Variable = "AUTODIFF_COURSE_WEB";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) != "0";

    /// <summary>Link from a site page to its runnable twin.</summary>
    public static string LinkFromSite(string notebookName) =>
        $"../web/index.html?nb={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(notebookName))}";

    /// <summary>
    /// <c>dotnet publish src/Autodiff.Web -c Release</c> into a scratch folder, then its <c>wwwroot</c> to
    /// <c>OUTPUT/web</c>. Returns an error message, or null when it worked.
    /// </summary>
    public static string? Publish(string repositoryRoot, string outputDirectory, TextWriter log)
    {
        var project = Path.Combine(repositoryRoot, "src", "Autodiff.Web", "Autodiff.Web.csproj");
        if (!File.Exists(project)) return $"the web app's project is missing: {project}";
        var scratch = Path.Combine(outputDirectory, "web-publish");
        var clock = Stopwatch.StartNew();
        log.WriteLine("web app: dotnet publish src/Autodiff.Web -c Release (a minute or two the first time)");
        if (Dotnet(repositoryRoot, "publish", project, "-c", "Release", "-o", scratch, "-nologo", "-v", "quiet") is { } publishFailed)
        {
            return $"dotnet publish of the web app failed {publishFailed}";
        }
        // The notebooks' cells compiled ahead of time (Autodiff.Web/Kernel/PrecompiledCells.cs): Run all then compiles
        // only the cells a reader edited.
        var precompiler = Path.Combine(repositoryRoot, "src", "Autodiff.Web.Precompiler", "Autodiff.Web.Precompiler.csproj");
        log.WriteLine("web app: compiling the notebooks' cells ahead of time (src/Autodiff.Web.Precompiler)");
        if (Dotnet(repositoryRoot, "run", "--project", precompiler, "-c", "Release", "--", Path.Combine(scratch, "wwwroot", "cells")) is { } precompileFailed)
        {
            return $"compiling the notebooks' cells ahead of time failed {precompileFailed}";
        }
        var web = Path.Combine(outputDirectory, "web");
        if (Directory.Exists(web)) Directory.Delete(web, recursive: true);
        CopyTree(Path.Combine(scratch, "wwwroot"), web);
        log.WriteLine($"web app: {web} ({clock.Elapsed.TotalSeconds:0} s)");
        return null;
    }

    /// <summary>Runs <c>dotnet</c> with the arguments; null when it exits 0, else the exit code and what it printed.</summary>
    private static string? Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"(exit code {process.ExitCode}):\n{stdout.Result}{stderr.Result}".TrimEnd();
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
