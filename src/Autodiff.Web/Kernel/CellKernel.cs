using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autodiff.Web.Kernel;

/// <summary>
/// The notebook kernel of the web app: each cell is a Roslyn script submission that continues the previous
/// one (its variables, methods and usings), emitted to memory and loaded next to the earlier cells.
/// <c>CSharpScript</c> does not run in the browser (it needs assembly file paths); this is the part of it we need.
/// </summary>
public sealed class CellKernel
{
    /// <summary>The namespaces every cell sees, as in the .NET Interactive C# kernel.</summary>
    private static readonly string[] DefaultUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks", "Autodiff.Web.Cells"];

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

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    private readonly CellLoadContext context = new();
    // Slot 0 is the (absent) globals object; submission n stores itself in slot n.
    private readonly object?[] submissionStates = new object?[1 << 14];
    private CSharpCompilation? previous;

    /// <summary>The time a cell may run before it is stopped.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How deep a cell's methods may call each other (a recursion without end stops there).</summary>
    public int MaxDepth { get; init; } = CellBudget.DefaultMaxDepth;

    /// <summary>Compiles and runs one cell. Never throws: failures are in the result.</summary>
    public async Task<CellResult> RunAsync(string code, string cellName)
    {
        var output = new StringWriter();
        var started = Stopwatch.GetTimestamp();
        var source = code.TrimStart().StartsWith("#!import", StringComparison.Ordinal) ? Magic(code) : code;
        if (source is null)
        {
            return CellResult.Failed(cellName, $"{cellName}: only `#!import course.dib` is understood here; other magic commands need the .NET Interactive kernel.", "", Stopwatch.GetElapsedTime(started));
        }

        var compilation = Compile(source, out var assembly, out var errors);
        var compiled = Stopwatch.GetElapsedTime(started);
        if (assembly is null)
        {
            return CellResult.Failed(cellName, $"{cellName} does not compile:\n{errors}", "", compiled) with { CompileTime = compiled };
        }

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
            return result with { CompileTime = compiled, Output = printed.ToString(), Outputs = shown };
        }
        try
        {
            var entry = assembly.GetTypes()
                .Select(type => type.GetMethod("<Factory>", BindingFlags.Static | BindingFlags.Public))
                .First(method => method is not null)!;
            // A cell that compiled is part of the chain even if it throws, as in .NET Interactive.
            previous = compilation;
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

    private CSharpCompilation Compile(string code, out Assembly? assembly, out string errors)
    {
        var parse = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(code, parse);
        if (((Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot()).Members.Count == 0)
        {
            // Roslyn cannot emit a submission without a statement (usings alone fail with no diagnostic).
            tree = CSharpSyntaxTree.ParseText(code + "\n;", parse);
        }
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            usings: DefaultUsings,
            concurrentBuild: false,
            allowUnsafe: true,
            optimizationLevel: OptimizationLevel.Release);
        var name = "cell-" + Guid.NewGuid().ToString("N");
        var guarded = CSharpCompilation.CreateScriptCompilation(name, LoopBudget.Rewrite(tree), References.Value, options, previous, typeof(object));
        using var pe = new MemoryStream();
        var emit = guarded.Emit(pe);
        if (!emit.Success)
        {
            // Report against the cell as written (the budget checks move columns).
            var plain = CSharpCompilation.CreateScriptCompilation(name, tree, References.Value, options, previous, typeof(object));
            var diagnostics = plain.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (diagnostics.Count == 0)
            {
                diagnostics = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            }
            errors = string.Join("\n", diagnostics.Select(Describe));
            assembly = null;
            return guarded;
        }
        pe.Position = 0;
        assembly = context.LoadFromStream(pe);
        context.Add(assembly);
        errors = "";
        return guarded;
    }

    /// <summary><c>(2,9): error CS0103: …</c>, line and column within the cell, as the course runner writes them.</summary>
    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan().StartLinePosition;
        return $"({span.Line + 1},{span.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Warms Roslyn up (parsing, binding, emit) so the first cell a reader runs is not the slow one.</summary>
    public static void Prepare() => _ = References.Value;

    private static unsafe IReadOnlyList<MetadataReference> LoadReferences()
    {
        // Load the course's libraries and everything they reference, so the cells can name them.
        Type[] roots = [typeof(Tensor), typeof(Autodiff.Plotting.Charts), typeof(Plotly.NET.GenericChart), typeof(Plotly.NET.CSharp.Chart),
            typeof(Enumerable), typeof(Console), typeof(List<>), typeof(CellBudget), typeof(System.Text.RegularExpressions.Regex),
            typeof(System.Runtime.CompilerServices.DynamicAttribute)];
        var queue = new Queue<Assembly>(roots.Select(t => t.Assembly));
        var seen = new Dictionary<string, Assembly>();
        while (queue.TryDequeue(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (seen.ContainsKey(name.Name!)) continue;
                try { queue.Enqueue(Assembly.Load(name)); }
                catch (IOException) { }
            }
        }
        foreach (var name in new[] { "netstandard", "System.Runtime", "System.Collections", "System.Linq", "System.Console", "System.Private.CoreLib" })
        {
            if (!seen.ContainsKey(name))
            {
                try { seen[name] = Assembly.Load(name); } catch (IOException) { }
            }
        }

        var references = new List<MetadataReference>();
        foreach (var assembly in seen.Values)
        {
            if (System.Reflection.Metadata.AssemblyExtensions.TryGetRawMetadata(assembly, out var blob, out var length))
            {
                references.Add(AssemblyMetadata.Create(ModuleMetadata.CreateFromMetadata((IntPtr)blob, length)).GetReference());
            }
        }
        return references;
    }

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

    public static CellResult Passed(object? value, string output, TimeSpan elapsed) => new(true, value, output, null, null, elapsed);

    public static CellResult Failed(string cell, string error, string output, TimeSpan elapsed, string? detail = null) =>
        new(false, null, output, error, detail, elapsed);
}

/// <summary>One piece of a cell's output: printed text, or a value the cell displayed.</summary>
public sealed record CellOutput(string? Text, object? Value);
