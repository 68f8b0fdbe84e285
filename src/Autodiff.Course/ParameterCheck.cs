using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course;

/// <summary>
/// Checks <c>--set</c> values before anything runs: each must be one C# expression that the
/// parameters cell's variable accepts. The cell and the injected assignment are compiled as two
/// script submissions, as the kernel compiles them, so a value is held to the type the cell
/// declares or infers (<c>var steps = 5;</c> takes <c>7</c>, not <c>1.5</c> or <c>abc</c>).
/// </summary>
/// <remarks>
/// The code cells up to the parameters cell are compiled (not run) against the .NET libraries and
/// the files their <c>#r</c> lines name; <c>#r "nuget:"</c> packages are not restored. Errors of
/// those cells are not the value's fault and are ignored: a variable whose type cannot be known
/// then takes any value, and a type or namespace the check cannot find (a NuGet package's) is let
/// through, to be reported by the kernel if it is really missing.
/// </remarks>
public static class ParameterCheck
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>What the kernel imports in every cell.</summary>
    private static readonly string[] DefaultUsings =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>Checks every override of one notebook.</summary>
    /// <exception cref="ParameterValueException">The first value that does not fit.</exception>
    public static void ThrowIfInvalid(string notebookPath, IReadOnlyDictionary<string, string> overrides)
    {
        if (overrides.Count > 0)
        {
            ThrowIfInvalid(notebookPath, NotebookRunner.Load(notebookPath), overrides);
        }
    }

    /// <summary>Checks every override of one notebook, already read from <paramref name="notebookPath"/>.</summary>
    /// <exception cref="ParameterValueException">The first value that does not fit.</exception>
    internal static void ThrowIfInvalid(string notebookPath, InteractiveDocument document, IReadOnlyDictionary<string, string> overrides)
    {
        if (overrides.Count == 0)
        {
            return;
        }
        var index = Parameters.FindCell(document);
        if (index < 0)
        {
            return; // an unknown name is reported by SplitParameters
        }
        var before = document.Elements.Take(index).Where(NotebookRunner.IsCode).Select(c => c.Contents).ToList();
        var cell = document.Elements[index].Contents;
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        foreach (var (name, value) in overrides)
        {
            if (Problem(Path.GetFileName(notebookPath), cell, name, value, before, folder) is { } problem)
            {
                throw new ParameterValueException(name, value, problem);
            }
        }
    }

    /// <summary>Why <c>--set name=value</c> does not fit the parameters cell, or null when it does.</summary>
    /// <param name="cellsBefore">The code cells before the parameters cell (the setup cell): compiled first, for their usings and <c>#r</c> files.</param>
    /// <param name="folder">The notebook's folder, against which <c>#r</c> paths resolve, as in the kernel.</param>
    public static string? Problem(string notebook, string parametersCell, string name, string value,
        IReadOnlyList<string>? cellsBefore = null, string? folder = null)
    {
        var expression = SyntaxFactory.ParseExpression(value, options: ScriptOptions);
        var syntaxError = expression.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (string.IsNullOrWhiteSpace(value) || syntaxError is not null)
        {
            return $"'{value}' is not one C# expression{(syntaxError is null ? "" : $" ({syntaxError.GetMessage()})")}";
        }

        var assignment = Parameters.OverrideCode(notebook, parametersCell, new Dictionary<string, string> { [name] = value });
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: DefaultUsings, nullableContextOptions: NullableContextOptions.Disable)
            .WithMetadataReferenceResolver(ScriptMetadataResolver.Default.WithBaseDirectory(folder ?? Environment.CurrentDirectory));
        // One script, the cells in order and the assignment last, as the kernel's submissions see
        // one another. (Chained submissions would be closer, but Roslyn refuses to compile after a
        // submission with errors, and the setup cell's #r "nuget:" lines are errors here.)
        var before = string.Concat((cellsBefore ?? []).Select(c => c + "\n"));
        var script = before + parametersCell + "\n" + assignment;
        var start = script.Length - assignment.Length;
        var compilation = CSharpCompilation.CreateScriptCompilation(
            "parameters", CSharpSyntaxTree.ParseText(script, ScriptOptions), References.Value, options);

        // A type or namespace that cannot be found may come from a NuGet package the check does not restore.
        var error = compilation.GetDiagnostics()
            .Where(d => d.Location.IsInSource && d.Location.SourceSpan.Start >= start)
            .FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("CS0246" or "CS0234"));
        if (error is null)
        {
            return null;
        }
        var declaration = parametersCell.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => DeclaresName(l, name));
        return $"{error.GetMessage()}{(declaration is null ? "" : $" (the parameters cell of {notebook} has: {declaration})")}";
    }

    private static bool DeclaresName(string line, string name)
    {
        var at = line.IndexOf(name, StringComparison.Ordinal);
        return at > 0 && line[at - 1] == ' ' && line.AsSpan(at + name.Length).TrimStart().StartsWith("=");
    }
}

/// <summary>A <c>--set</c> value that does not compile, or does not fit the variable's type.</summary>
public sealed class ParameterValueException(string name, string value, string problem)
    : ArgumentException($"--set {name}={value}: {problem}")
{
    /// <summary>The parameter's name.</summary>
    public string Name { get; } = name;
}

/// <summary>An output folder that cannot be created or written.</summary>
public sealed class OutputDirectoryException(string message) : ArgumentException(message)
{
    /// <summary>Creates <c>directory/sub</c> and writes and deletes a file there.</summary>
    /// <exception cref="OutputDirectoryException">That failed; the message says where and why.</exception>
    public static void ThrowIfNotWritable(string directory, string sub)
    {
        var path = Path.Combine(directory, sub);
        if (File.Exists(directory))
        {
            throw new OutputDirectoryException($"--output {directory}: that is a file, not a folder");
        }
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new OutputDirectoryException($"--output {directory}: cannot write {path} ({e.Message})");
        }
    }
}
