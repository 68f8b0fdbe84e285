namespace Autodiff.Course.Tests;

/// <summary>
/// A test that needs headless Chromium (Debian package <c>chromium</c>). Skipped, with the reason,
/// on a machine without it, unless <c>COURSE_REQUIRE_CHROMIUM=1</c> (set by .ci/run): then a
/// missing browser is a failure, so CI cannot pass by skipping.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null && !Chromium.Required)
        {
            Skip = "chromium is not installed (apt-get install chromium); set COURSE_REQUIRE_CHROMIUM=1 to make this a failure";
        }
    }
}

/// <summary>Headless Chromium, offline.</summary>
internal static class Chromium
{
    public static bool Required => Environment.GetEnvironmentVariable("COURSE_REQUIRE_CHROMIUM") == "1";

    public static string? Executable { get; } = Find();

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// <c>unshare -n</c> gives the browser a network namespace with no interfaces (needs root, as
    /// in CI); where that is not allowed the proxy and resolver flags below still keep it off the
    /// network.
    /// </summary>
    private static readonly Lazy<bool> CanUnshare = new(() =>
    {
        try
        {
            return Processes.Run("unshare", ["-n", "true"], Path.GetTempPath(), TimeSpan.FromSeconds(10)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static string DumpDom(string page) =>
        Run(page, ["--virtual-time-budget=15000", "--dump-dom"]);

    public static void Screenshot(string page, string png) =>
        Run(page, ["--virtual-time-budget=15000", $"--screenshot={png}", "--window-size=1000,1400", "--hide-scrollbars"]);

    private static string Run(string page, IEnumerable<string> arguments)
    {
        var chromium = Executable ?? throw new InvalidOperationException(
            "chromium is required (COURSE_REQUIRE_CHROMIUM=1) but not on PATH: apt-get install -y --no-install-recommends chromium");
        var profile = Repo.NewTempDirectory();
        string[] browser =
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            $"--user-data-dir={profile}", .. arguments, new Uri(page).AbsoluteUri,
        ];
        string[] command = CanUnshare.Value ? ["unshare", "-n", .. browser] : browser;

        var result = Processes.Run(command[0], command[1..], Path.GetTempPath(), TimeSpan.FromMinutes(2));
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new InvalidOperationException($"chromium exited {result.ExitCode} (timed out: {result.TimedOut}):\n{result.Output}");
        }
        return result.Output;
    }
}
