using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autodiff.Web.Kernel;

/// <summary>
/// Roslyn's part of the kernel: a cell becomes a script submission that continues the cells compiled before it
/// (<c>CSharpCompilation.CreateScriptCompilation</c> with the previous cell's compilation), emitted to memory.
/// Only the kernel touches this class, and only for a cell that was not compiled ahead of time
/// (<see cref="PrecompiledCells"/>), so the browser loads Roslyn (10 MB) only when a reader edits a cell.
/// </summary>
internal sealed class CellCompiler
{
    /// <summary>The namespaces every cell sees, as in the .NET Interactive C# kernel.</summary>
    private static readonly string[] DefaultUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks", "Autodiff.Web.Cells"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        usings: DefaultUsings,
        concurrentBuild: false,
        allowUnsafe: true,
        optimizationLevel: OptimizationLevel.Release);

    private CSharpCompilation? previous;

    /// <summary>
    /// Tells Roslyn about a cell that ran from its ahead-of-time image: the next cell compiled here must see its
    /// variables and methods. Nothing is emitted; Roslyn binds it only as far as a later cell needs.
    /// </summary>
    public void Continue(string source, string assemblyName) =>
        previous = Submission(source, assemblyName).Guarded;

    /// <summary>
    /// Compiles a cell as the next submission. On success the cell's image (an assembly named
    /// <paramref name="assemblyName"/>) is returned and the cell is part of the chain; on failure, the errors with
    /// (line,column) inside the cell as written, and the chain is unchanged.
    /// </summary>
    public byte[]? Emit(string source, string assemblyName, out string errors)
    {
        var (tree, guarded) = Submission(source, assemblyName);
        using var pe = new MemoryStream();
        var emit = guarded.Emit(pe);
        if (!emit.Success)
        {
            // Report against the cell as written (the budget checks move columns).
            var plain = CSharpCompilation.CreateScriptCompilation(assemblyName, tree, References.Value, Options, previous, typeof(object));
            var diagnostics = plain.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (diagnostics.Count == 0)
            {
                diagnostics = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            }
            errors = string.Join("\n", diagnostics.Select(Describe));
            return null;
        }
        previous = guarded;
        errors = "";
        return pe.ToArray();
    }

    /// <summary>The cell as parsed, and as compiled: with the budget checks of <see cref="LoopBudget"/>.</summary>
    private (SyntaxTree Tree, CSharpCompilation Guarded) Submission(string source, string assemblyName)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions);
        if (((Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot()).Members.Count == 0)
        {
            // Roslyn cannot emit a submission without a statement (usings alone fail with no diagnostic).
            tree = CSharpSyntaxTree.ParseText(source + "\n;", ParseOptions);
        }
        var guarded = CSharpCompilation.CreateScriptCompilation(assemblyName, LoopBudget.Rewrite(tree), References.Value, Options, previous, typeof(object));
        return (tree, guarded);
    }

    /// <summary><c>(2,9): error CS0103: …</c>, line and column within the cell, as the course runner writes them.</summary>
    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan().StartLinePosition;
        return $"({span.Line + 1},{span.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

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
}
