namespace Autodiff.Course;

/// <summary>The <c>course</c> command line: <c>run [NOTEBOOK...] [options]</c>.</summary>
public static class CommandLine
{
    /// <summary>Exit code of a run in which a notebook failed.</summary>
    public const int NotebookFailed = 1;

    /// <summary>Exit code of a command line that could not be carried out (nothing ran).</summary>
    public const int UsageError = 2;

    /// <summary>The help text.</summary>
    public const string Usage = """
        Runs the course notebooks and renders them as a static site.

        usage: dotnet run --project src/Autodiff.Course -- run [NOTEBOOK...] [options]
               dotnet run --project src/Autodiff.Course -- sweep [NOTEBOOK...] [options]   (see sweep --help)
               dotnet run --project src/Autodiff.Course -- serve [--port N] [--output DIR]

          NOTEBOOK               a path, a file name or a unique prefix of one in notebooks/ ("02");
                                 default: every notebooks/*.ipynb, in name order
          --set NAME=VALUE       override a variable of the cell tagged "parameters" (repeatable);
                                 VALUE is a C# expression (a bare word is quoted for string parameters)
          --output DIR           where executed/ and site/ go (default: artifacts/ in the repository)
          --notebooks DIR        the folder of notebooks (default: notebooks/ in the repository)
          --continue-on-error    run the remaining notebooks after one fails
          --cell-timeout SEC     time limit of a code cell (default: 120)
          --setup-timeout SEC    time limit of the first code cell and of #r "nuget:" cells (default: 600)
          --no-site              do not render the site (nor the web app)

        run also publishes the web app (src/Autodiff.Web: every notebook runnable in the browser) to
        OUTPUT/web, unless AUTODIFF_COURSE_WEB=0. serve serves OUTPUT (default artifacts/) on 127.0.0.1
        only (default port 8000; 0 picks a free one) and prints the addresses.

        exit codes: 0 every notebook passed, 1 a notebook failed, 2 bad command line (nothing ran)
        """;

    /// <summary>Parses the arguments and runs; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is [KernelProcess.Verb])
        {
            return await KernelProcess.RunAsync(Console.In, output);
        }
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? UsageError : 0;
        }
        if (args[0] == "sweep")
        {
            return await SweepAsync(args.AsSpan(1).ToArray(), output, error);
        }
        if (args[0] == "serve")
        {
            return await ServeAsync(args.AsSpan(1).ToArray(), output, error);
        }
        if (args[0] != "run")
        {
            error.WriteLine($"unknown command '{args[0]}'");
            error.WriteLine(Usage);
            return UsageError;
        }

        CoursePlan plan;
        try
        {
            var options = Parse(args.AsSpan(1).ToArray(), Environment.CurrentDirectory);
            plan = CourseRunner.Prepare(options);
        }
        catch (ArgumentException e)
        {
            // Bad options, notebooks, --set names or values, an output folder that cannot be written.
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }

        return await ExitCodeOf(async () =>
        {
            var result = await CourseRunner.RunAsync(plan, output);
            if (plan.Options.RenderSite && WebApp.Enabled && FindRepositoryRoot(AppContext.BaseDirectory) is { } root
                && WebApp.Publish(root, plan.Options.OutputDirectory, output) is { } problem)
            {
                error.WriteLine($"error: {problem}");
                return NotebookFailed;
            }
            return result.Succeeded ? 0 : NotebookFailed;
        }, error);
    }

    /// <summary>
    /// Runs a verb's work and turns any failure of the runner itself into exit code 1 with one line on
    /// <paramref name="error"/>: no input to the command ends in a stack trace or a crash code.
    /// </summary>
    private static async Task<int> ExitCodeOf(Func<Task<int>> work, TextWriter error)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return NotebookFailed;
        }
        catch (Exception e)
        {
            // A fault of the runner itself: say what it was, without a crash code.
            error.WriteLine($"error: the course runner failed: {e.GetType().Name}: {e.Message}");
            return NotebookFailed;
        }
    }

    private static async Task<int> SweepAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["-h" or "--help"])
        {
            output.WriteLine(Sweep.Usage);
            return 0;
        }
        CoursePlan plan;
        IReadOnlyList<TweakTable.Tweak> rows;
        int jobs;
        try
        {
            var options = Sweep.Parse(args, Environment.CurrentDirectory);
            (plan, rows) = Sweep.Prepare(options);
            jobs = options.Jobs;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }

        return await ExitCodeOf(async () =>
        {
            var swept = await Sweep.RunAsync(plan, rows, jobs, output);
            return swept.All(r => r.Passed) ? 0 : NotebookFailed;
        }, error);
    }

    /// <summary>
    /// <c>serve [--port N] [--output DIR]</c>: serves OUTPUT (the site in <c>site/</c>, the web app in <c>web/</c>)
    /// on 127.0.0.1 only, prints the address and runs until Ctrl+C.
    /// </summary>
    private static async Task<int> ServeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var port = 8000;
        var folder = Path.Combine(FindRepositoryRoot(Environment.CurrentDirectory) ?? Environment.CurrentDirectory, "artifacts");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], out var p) && p is >= 0 and <= 65535) { port = p; i++; }
            else if (args[i] == "--output" && i + 1 < args.Length) { folder = Path.GetFullPath(args[++i]); }
            else
            {
                error.WriteLine($"error: serve takes --port N and --output DIR, not '{args[i]}'");
                return UsageError;
            }
        }
        if (!File.Exists(Path.Combine(folder, "site", "index.html")))
        {
            error.WriteLine($"error: no site in {folder}: run `dotnet run --project src/Autodiff.Course -- run` first");
            return UsageError;
        }
        using var server = new StaticServer([("/", folder)], port);
        var hasWeb = File.Exists(Path.Combine(folder, "web", "index.html"));
        output.WriteLine($"Serving the course on 127.0.0.1 only (Ctrl+C stops):");
        output.WriteLine($"  the site:                {server.Address}site/index.html");
        output.WriteLine(hasWeb
            ? $"  the notebooks, runnable: {server.Address}web/index.html"
            : "  (no web app in web/: run the course command without AUTODIFF_COURSE_WEB=0)");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
        return 0;
    }

    /// <summary>Turns the arguments after <c>run</c> into options.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value, or a notebook that does not exist.</exception>
    public static CourseOptions Parse(string[] args, string currentDirectory)
    {
        var selected = new List<string>();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        string? output = null, notebooksDirectory = null;
        var continueOnError = false;
        var renderSite = true;
        var cells = new RunOptions();

        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            switch (arg)
            {
                case "--set":
                    var assignment = Value();
                    var equals = assignment.IndexOf('=');
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"--set expects NAME=VALUE, got '{assignment}'");
                    }
                    parameters[assignment[..equals].Trim()] = assignment[(equals + 1)..];
                    break;
                case "--output" or "-o":
                    output = Value();
                    break;
                case "--notebooks":
                    notebooksDirectory = Value();
                    break;
                case "--continue-on-error":
                    continueOnError = true;
                    break;
                case "--no-site":
                    renderSite = false;
                    break;
                case "--cell-timeout":
                    cells = cells with { CellTimeout = Seconds(arg, Value()) };
                    break;
                case "--setup-timeout":
                    cells = cells with { SetupTimeout = Seconds(arg, Value()) };
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException($"unknown option '{arg}'");
                    }
                    selected.Add(arg);
                    break;
            }
        }

        var root = FindRepositoryRoot(currentDirectory);
        notebooksDirectory = Path.GetFullPath(notebooksDirectory ?? Path.Combine(root ?? currentDirectory, "notebooks"), currentDirectory);
        var notebooks = selected.Count == 0
            ? AllNotebooks(notebooksDirectory)
            : selected.Select(s => Resolve(s, notebooksDirectory, currentDirectory)).ToList();
        if (notebooks.Count == 0)
        {
            throw new ArgumentException($"no notebooks (*.ipynb) in {notebooksDirectory}");
        }

        return new CourseOptions
        {
            Notebooks = notebooks,
            OutputDirectory = Path.GetFullPath(output ?? Path.Combine(root ?? currentDirectory, "artifacts"), currentDirectory),
            Parameters = parameters,
            ContinueOnError = continueOnError,
            RenderSite = renderSite,
            Cells = cells,
        };
    }

    /// <summary>Every <c>*.ipynb</c> of a folder, in ordinal name order (01-…, 02-…).</summary>
    public static List<string> AllNotebooks(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <c>Autodiff.slnx</c>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Autodiff.slnx")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    internal static string Resolve(string selector, string notebooksDirectory, string currentDirectory)
    {
        var asPath = Path.GetFullPath(selector, currentDirectory);
        if (File.Exists(asPath))
        {
            return asPath;
        }

        var candidates = AllNotebooks(notebooksDirectory);
        var exact = candidates.Where(c => Path.GetFileName(c) == selector || Path.GetFileNameWithoutExtension(c) == selector).ToList();
        var matches = exact.Count > 0 ? exact : candidates.Where(c => Path.GetFileName(c).StartsWith(selector, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"no notebook '{selector}' (looked for a file, then in {notebooksDirectory})"),
            _ => throw new ArgumentException($"'{selector}' matches {matches.Count} notebooks: {string.Join(", ", matches.Select(Path.GetFileName))}"),
        };
    }

    /// <summary>The longest time limit accepted: about 11.5 days.</summary>
    public const double MaxSeconds = 1_000_000;

    internal static TimeSpan Seconds(string option, string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds > 0 && seconds <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{option} expects a number of seconds between 0 and {MaxSeconds:0}, got '{value}'");
}
