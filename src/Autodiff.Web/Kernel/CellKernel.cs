using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace Autodiff.Web.Kernel;

/// <summary>
/// The notebook kernel of the web app: each cell is a Roslyn script submission that continues the previous
/// one (its variables, methods and usings), emitted to memory and loaded next to the earlier cells
/// (<see cref="CellCompiler"/>), or, for a cell a reader has not edited, loaded from its image compiled ahead of time
/// (<see cref="PrecompiledCells"/>). <c>CSharpScript</c> does not run in the browser (it needs assembly file paths);
/// this is the part of it we need.
/// </summary>
public sealed class CellKernel
{
    /// <summary>What <c>#!import course.dib</c> does (notebooks/course.dib): the course's namespaces.</summary>
    public const string CourseUsings = """
        using Autodiff;
        using Autodiff.Data;
        using Autodiff.Graphs;
        using Autodiff.Losses;
        using Autodiff.Nn;
        using Autodiff.Optim;
        using Autodiff.Plotting;
        using Autodiff.Training;
        """;

    private readonly CellLoadContext context = new();
    // Slot 0 is the (absent) globals object; submission n stores itself in slot n.
    private readonly object?[] submissionStates = new object?[1 << 14];
    // The chain of cells compiled so far (PrecompiledCells.ChainKey), and the ones that ran from their images since
    // Roslyn last compiled a cell: it must hear of them before it compiles the next.
    private string chain = "";
    private readonly List<(string Source, string AssemblyName)> notYetCompiled = [];
    // A CellCompiler, made when the first cell needs Roslyn; held as object so that nothing loads Roslyn before that.
    private object? compiler;

    /// <summary>The time a cell may run before it is stopped.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How deep a cell's methods may call each other (a recursion without end stops there).</summary>
    public int MaxDepth { get; init; } = CellBudget.DefaultMaxDepth;

    /// <summary>The cells compiled ahead of time for this notebook (none by default).</summary>
    public PrecompiledCells Precompiled { get; init; } = PrecompiledCells.None;

    /// <summary>Called once before Roslyn is first needed (the browser downloads it then).</summary>
    public Func<Task>? LoadCompilerAsync { get; init; }

    /// <summary>Compiles and runs one cell. Never throws: failures are in the result.</summary>
    public async Task<CellResult> RunAsync(string code, string cellName)
    {
        var output = new StringWriter();
        var started = Stopwatch.GetTimestamp();
        var source = CompiledSource(code);
        if (source is null)
        {
            return CellResult.Failed(cellName, $"{cellName}: only `#!import course.dib` is understood here; other magic commands need the .NET Interactive kernel.", "", Stopwatch.GetElapsedTime(started));
        }

        var key = PrecompiledCells.ChainKey(chain, source);
        var assemblyName = PrecompiledCells.AssemblyName(key);
        var image = Precompiled.Find(chain, source)?.Image;
        var precompiled = image is not null;
        var errors = "";
        if (precompiled)
        {
            notYetCompiled.Add((source, assemblyName));
        }
        else
        {
            (image, errors) = await CompileAsync(source, assemblyName);
        }
        var compiled = Stopwatch.GetElapsedTime(started);
        if (image is null)
        {
            return CellResult.Failed(cellName, $"{cellName} does not compile:\n{errors}", "", compiled) with { CompileTime = compiled };
        }
        // A cell that compiled is part of the chain even if it throws, as in .NET Interactive.
        chain = key;
        var assembly = context.LoadFromStream(new MemoryStream(image));
        context.Add(assembly);

        var saved = Console.Out;
        Console.SetOut(output);
        CellBudget.Start(TimeLimit, MaxDepth);
        // value.Display() in the cell: what was printed so far, then the value, in the order they came.
        var shown = new List<CellOutput>();
        var printed = new System.Text.StringBuilder();
        void Flush()
        {
            if (output.GetStringBuilder().Length == 0) return;
            shown.Add(new CellOutput(output.ToString(), null));
            printed.Append(output.GetStringBuilder());
            output.GetStringBuilder().Clear();
        }
        Autodiff.Web.Cells.DisplayExtensions.Sink = value => { Flush(); shown.Add(new CellOutput(null, value)); };
        CellResult Finish(CellResult result)
        {
            Flush();
            return result with { CompileTime = compiled, Output = printed.ToString(), Outputs = shown, Precompiled = precompiled };
        }
        try
        {
            var entry = assembly.GetTypes()
                .Select(type => type.GetMethod("<Factory>", BindingFlags.Static | BindingFlags.Public))
                .First(method => method is not null)!;
            var value = await (Task<object?>)entry.Invoke(null, [submissionStates])!;
            return Finish(CellResult.Passed(value, "", Stopwatch.GetElapsedTime(started)));
        }
        catch (Exception e)
        {
            var thrown = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            var message = CellBudget.Expired || thrown is CellTimeLimitException
                ? $"{cellName} was stopped: {new CellTimeLimitException(CellBudget.Limit).Message}"
                : thrown is CellRecursionException
                    ? $"{cellName} was stopped: {thrown.Message}"
                    : $"{cellName} threw {thrown.GetType().Name}: {thrown.Message}";
            return Finish(CellResult.Failed(cellName, message, "", Stopwatch.GetElapsedTime(started), thrown.ToString()));
        }
        finally
        {
            CellBudget.Stop();
            Console.SetOut(saved);
            Autodiff.Web.Cells.DisplayExtensions.Sink = null;
        }
    }

    private static string? Magic(string code)
    {
        var lines = code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal)).ToList();
        return lines is ["#!import course.dib"] ? CourseUsings : null;
    }

    /// <summary>Compiles a cell with Roslyn, after telling it of the cells that ran from their images.</summary>
    private async Task<(byte[]? Image, string Errors)> CompileAsync(string source, string assemblyName)
    {
        if (compiler is null && LoadCompilerAsync is { } load) await load();
        return EmitWithRoslyn(source, assemblyName);
    }

    // Kept apart from CompileAsync: the browser's .NET resolves the Roslyn types a method names when it first runs
    // the method, so this one may run only once Roslyn is loaded.
    private (byte[]? Image, string Errors) EmitWithRoslyn(string source, string assemblyName)
    {
        var roslyn = (CellCompiler)(compiler ??= new CellCompiler());
        foreach (var (earlier, name) in notYetCompiled) roslyn.Continue(earlier, name);
        notYetCompiled.Clear();
        var image = roslyn.Emit(source, assemblyName, out var errors);
        return (image, errors);
    }

    /// <summary>
    /// Compiles a notebook's code cells in order, as Run all would, for <see cref="PrecompiledCells"/>: the source each
    /// cell is compiled from (after <c>#!import course.dib</c> is understood), the chain it continues, and its image.
    /// A cell that does not compile is left out, as it leaves the chain unchanged when it runs.
    /// </summary>
    public static PrecompiledCells Precompile(IEnumerable<string> cells)
    {
        var roslyn = new CellCompiler();
        var result = new PrecompiledCells();
        var chain = "";
        foreach (var code in cells)
        {
            if (CompiledSource(code) is not { } source) continue;
            var key = PrecompiledCells.ChainKey(chain, source);
            if (roslyn.Emit(source, PrecompiledCells.AssemblyName(key), out _) is not { } image) continue;
            result.Add(new PrecompiledCells.Entry(chain, source, key, image));
            chain = key;
        }
        return result;
    }

    /// <summary>What the kernel compiles for a cell: its code, or the usings of <c>#!import course.dib</c>; null for other magic commands.</summary>
    private static string? CompiledSource(string code) =>
        code.TrimStart().StartsWith("#!import", StringComparison.Ordinal) ? Magic(code) : code;

    /// <summary>Resolves a cell's reference to an earlier cell's assembly; everything else comes from the app.</summary>
    private sealed class CellLoadContext() : AssemblyLoadContext("cells")
    {
        private readonly Dictionary<string, Assembly> cells = [];

        public void Add(Assembly assembly) => cells[assembly.GetName().Name!] = assembly;

        protected override Assembly? Load(AssemblyName name) => cells.GetValueOrDefault(name.Name!);
    }
}

/// <summary>What a cell did: its value, what it printed, or why it failed.</summary>
public sealed record CellResult(bool Succeeded, object? Value, string Output, string? Error, string? Detail, TimeSpan Elapsed)
{
    /// <summary>What the cell printed and displayed (<c>value.Display()</c>), in order; <see cref="Output"/> is all the text.</summary>
    public IReadOnlyList<CellOutput> Outputs
    {
        get => outputs ?? (Output.Length > 0 ? [new CellOutput(Output, null)] : []);
        init => outputs = value;
    }

    private readonly IReadOnlyList<CellOutput>? outputs;

    /// <summary>The part of <see cref="Elapsed"/> spent parsing, compiling and loading the cell.</summary>
    public TimeSpan CompileTime { get; init; }

    /// <summary>Whether the cell was loaded from its image compiled ahead of time (<see cref="PrecompiledCells"/>), not compiled by Roslyn.</summary>
    public bool Precompiled { get; init; }

    public static CellResult Passed(object? value, string output, TimeSpan elapsed) => new(true, value, output, null, null, elapsed);

    public static CellResult Failed(string cell, string error, string output, TimeSpan elapsed, string? detail = null) =>
        new(false, null, output, error, detail, elapsed);
}

/// <summary>One piece of a cell's output: printed text, or a value the cell displayed.</summary>
public sealed record CellOutput(string? Text, object? Value);
