using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autodiff.Course;

/// <summary>
/// Checks <c>--set</c> values before anything runs: each must be one C# expression that the
/// parameters cell's variable accepts. The cell and the injected assignment are compiled as two
/// script submissions, as the kernel compiles them, so a value is held to the type the cell
/// declares or infers (<c>var steps = 5;</c> takes <c>7</c>, not <c>1.5</c> or <c>abc</c>).
/// </summary>
/// <remarks>
/// Only the cell is compiled, against the .NET libraries: a parameters cell that needs the
/// notebook's own references has errors of its own, which are not the value's fault and are
/// ignored; its variables then have an unknown type, and Roslyn reports nothing that stems from it.
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
        if (overrides.Count == 0)
        {
            return;
        }
        var document = NotebookRunner.Load(notebookPath);
        var index = Parameters.FindCell(document);
        if (index < 0)
        {
            return; // an unknown name is reported by SplitParameters
        }
        var cell = document.Elements[index].Contents;
        foreach (var (name, value) in overrides)
        {
            if (Problem(Path.GetFileName(notebookPath), cell, name, value) is { } problem)
            {
                throw new ParameterValueException(name, value, problem);
            }
        }
    }

    /// <summary>Why <c>--set name=value</c> does not fit the parameters cell, or null when it does.</summary>
    public static string? Problem(string notebook, string parametersCell, string name, string value)
    {
        var expression = SyntaxFactory.ParseExpression(value, options: ScriptOptions);
        var syntaxError = expression.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (string.IsNullOrWhiteSpace(value) || syntaxError is not null)
        {
            return $"'{value}' is not one C# expression{(syntaxError is null ? "" : $" ({syntaxError.GetMessage()})")}";
        }

        var assignment = Parameters.OverrideCode(notebook, parametersCell, new Dictionary<string, string> { [name] = value });
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: DefaultUsings, nullableContextOptions: NullableContextOptions.Disable);
        var cell = CSharpCompilation.CreateScriptCompilation(
            "parameters", CSharpSyntaxTree.ParseText(parametersCell, ScriptOptions), References.Value, options);
        var injected = CSharpCompilation.CreateScriptCompilation(
            "injected", CSharpSyntaxTree.ParseText(assignment, ScriptOptions), References.Value, options, previousScriptCompilation: cell);

        var error = injected.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
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
