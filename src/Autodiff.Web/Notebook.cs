using System.Text.Json;

namespace Autodiff.Web;

/// <summary>A notebook of the course as the app shows it: the cells of a notebooks/*.ipynb, read as they are.</summary>
public sealed class Notebook
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<Cell> Cells { get; init; }

    /// <summary>The notebooks carried in the app (embedded from notebooks/ when it is built), in course order.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(Notebook).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith("notebooks/", StringComparison.Ordinal) && name.EndsWith(".ipynb", StringComparison.Ordinal))
        .Select(name => name["notebooks/".Length..^".ipynb".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static Notebook Load(string name)
    {
        using var stream = typeof(Notebook).Assembly.GetManifestResourceStream($"notebooks/{name}.ipynb")
            ?? throw new FileNotFoundException($"no notebook named {name}");
        using var json = JsonDocument.Parse(stream);
        var cells = new List<Cell>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            var kind = cell.GetProperty("cell_type").GetString();
            var source = cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
                ? string.Concat(lines.EnumerateArray().Select(line => line.GetString()))
                : cell.GetProperty("source").GetString() ?? "";
            var tags = cell.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("tags", out var t)
                ? t.EnumerateArray().Select(tag => tag.GetString() ?? "").ToArray()
                : [];
            cells.Add(new Cell(cells.Count + 1, kind == "code", source, tags));
        }
        var heading = cells.FirstOrDefault(c => !c.IsCode)?.Source.Split('\n')[0].TrimStart('#', ' ');
        return new Notebook { Name = name, Title = string.IsNullOrWhiteSpace(heading) ? name : heading, Cells = cells };
    }
}

/// <summary>One cell: its number among all cells (markdown included, as the course runner counts), its source and outputs.</summary>
public sealed class Cell(int number, bool isCode, string source, string[] tags)
{
    public int Number { get; } = number;

    public bool IsCode { get; } = isCode;

    public string Source { get; set; } = source;

    public IReadOnlyList<string> Tags { get; } = tags;

    /// <summary>
    /// A markdown cell as HTML, rendered once: the page renders again before and after every cell that runs, and
    /// would otherwise run Markdig over every markdown cell each time.
    /// </summary>
    public string MarkdownHtml => markdownHtml ??= Display.Markdown(Source);

    private string? markdownHtml;

    public bool IsSolution => Tags.Contains("exercise-solution");

    public bool IsStarter => Tags.Contains("exercise-starter");

    public string FirstLine => Source.Split('\n').FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "";

    public List<Output> Outputs { get; } = [];

    /// <summary>Execution count, as Jupyter's [n]; null before the cell ran.</summary>
    public int? Count { get; set; }

    public CellState State { get; set; }

    /// <summary>Where the last run's time went (shown as data attributes, for the browser test's profile).</summary>
    public CellTiming? Timing { get; set; }

    /// <summary>The source changed since the cell last ran, or an earlier cell ran again after it.</summary>
    public bool Stale { get; set; }
}

public enum CellState { NotRun, Queued, Running, Passed, Failed }

/// <summary>A cell's last run: compiling (parse, Roslyn, load), running, and turning its value into an output.</summary>
public sealed record CellTiming(TimeSpan Compile, TimeSpan Run, TimeSpan Display, bool Precompiled = false);

/// <summary>A cell output: text (stdout, an error) or HTML (tables, charts).</summary>
public sealed record Output(string Kind, string Content)
{
    public static Output Text(string text) => new("text", text);

    public static Output Error(string text) => new("error", text);

    public static Output Html(string html) => new("html", html);
}
