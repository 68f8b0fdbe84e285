using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course;

/// <summary>
/// Papermill-style parameters: the cell tagged <c>parameters</c> declares the values a reader may
/// tweak; an override is injected as a new cell right after it, so the notebook's own defaults stay
/// visible in the executed copy.
/// </summary>
public static class Parameters
{
    /// <summary>The Jupyter cell tag that marks the parameters cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag papermill gives the cell it injects; we do the same.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Index of the first cell tagged <c>parameters</c>, or -1.</summary>
    public static int FindCell(InteractiveDocument document)
    {
        for (var i = 0; i < document.Elements.Count; i++)
        {
            if (HasTag(document.Elements[i], Tag))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// True when the cell carries <paramref name="tag"/> in Jupyter's <c>metadata.tags</c>, or in the
    /// <c>tags</c> of the <c>polyglot_notebook</c> / <c>dotnet_interactive</c> metadata that the
    /// .NET Interactive Documents API writes.
    /// </summary>
    public static bool HasTag(InteractiveDocumentElement cell, string tag)
    {
        if (cell.Metadata is null)
        {
            return false;
        }

        return TagsIn(cell.Metadata).Contains(tag)
            || new[] { "polyglot_notebook", "dotnet_interactive" }.Any(key =>
                cell.Metadata.TryGetValue(key, out var nested) && nested is IDictionary<string, object> dict && TagsIn(dict).Contains(tag));

        static IEnumerable<string> TagsIn(IDictionary<string, object> metadata) =>
            metadata.TryGetValue("tags", out var tags) ? Strings(tags) : [];
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => [s],
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        JsonElement { ValueKind: JsonValueKind.String } str => [str.GetString()!],
        System.Collections.IEnumerable items => items.Cast<object?>().SelectMany(Strings),
        _ => [],
    };

    /// <summary>
    /// The top-level variables the parameters cell declares, with their declared type as written
    /// (<c>var</c> included) and whether the initial value is a string literal.
    /// </summary>
    public static IReadOnlyList<Declaration> Declared(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script));
        return tree.GetRoot()
            .DescendantNodes(node => node is CompilationUnitSyntax or GlobalStatementSyntax or FieldDeclarationSyntax)
            .SelectMany(node => node switch
            {
                LocalDeclarationStatementSyntax local => Declarations(local.Declaration),
                FieldDeclarationSyntax field => Declarations(field.Declaration),
                _ => [],
            })
            .ToList();

        static IEnumerable<Declaration> Declarations(VariableDeclarationSyntax declaration) =>
            declaration.Variables.Select(v => new Declaration(
                v.Identifier.Text,
                declaration.Type.ToString(),
                IsString(declaration.Type, v.Initializer?.Value)));

        static bool IsString(TypeSyntax type, ExpressionSyntax? value) =>
            type.ToString() is "string" or "String" or "System.String"
            || value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression }
            || value is InterpolatedStringExpressionSyntax;
    }

    /// <summary>
    /// The code of the injected cell: one assignment per override. A value is a C# expression
    /// (<c>0.1</c>, <c>true</c>, <c>new[] { 1, 2 }</c>); for a string parameter a bare word is
    /// quoted for you.
    /// </summary>
    /// <exception cref="UnknownParameterException">A name the parameters cell does not declare.</exception>
    public static string OverrideCode(string notebook, string? parametersCell, IReadOnlyDictionary<string, string> overrides)
    {
        var declared = parametersCell is null ? [] : Declared(parametersCell);
        var lines = new List<string> { "// Parameters injected by the course runner (--set)" };
        foreach (var (name, value) in overrides)
        {
            var declaration = declared.FirstOrDefault(d => d.Name == name)
                ?? throw new UnknownParameterException(notebook, name, declared.Select(d => d.Name).ToList(), parametersCell is not null);
            var expression = declaration.IsString && !LooksLikeStringExpression(value)
                ? SymbolDisplay.FormatLiteral(value, quote: true)
                : value;
            lines.Add($"{name} = {expression};");
        }
        return string.Join("\n", lines);
    }

    private static bool LooksLikeStringExpression(string value)
    {
        var trimmed = value.TrimStart();
        return trimmed.StartsWith('"') || trimmed.StartsWith("@\"") || trimmed.StartsWith("$\"") || trimmed.StartsWith("$@\"") || trimmed.StartsWith("@$\"") || trimmed == "null";
    }

    /// <summary>A variable declared in the parameters cell.</summary>
    public sealed record Declaration(string Name, string Type, bool IsString);
}

/// <summary>A <c>--set</c> name that the notebook's parameters cell does not declare.</summary>
public sealed class UnknownParameterException(string notebook, string name, IReadOnlyList<string> declared, bool hasParametersCell)
    : ArgumentException(hasParametersCell
        ? $"{notebook}: unknown parameter '{name}'; the parameters cell declares: {(declared.Count == 0 ? "(nothing)" : string.Join(", ", declared))}"
        : $"{notebook}: unknown parameter '{name}'; the notebook has no cell tagged \"parameters\"")
{
    /// <summary>The unknown name.</summary>
    public string Name { get; } = name;
}
