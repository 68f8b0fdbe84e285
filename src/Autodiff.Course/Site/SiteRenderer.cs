using System.Net;
using System.Text;
using Autodiff.Shared;
using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course.Site;

/// <summary>
/// Renders executed notebooks as a static site that works from disk with no network: an index
/// page and one page per notebook (markdown with KaTeX math, code with its outputs, Plotly charts
/// drawn by a local plotly.js), linked previous/next.
/// </summary>
public static class SiteRenderer
{
    /// <summary>Markdown to HTML, math left for KaTeX (<see cref="CourseMarkdown"/>, shared with the browser app).</summary>
    public static string MarkdownToHtml(string markdown) => CourseMarkdown.ToHtml(markdown);

    /// <summary>The page file name of a notebook: <c>01-derivatives.ipynb</c> → <c>01-derivatives.html</c>.</summary>
    public static string PageName(NotebookResult notebook) => Path.ChangeExtension(notebook.Name, ".html");

    /// <summary>Writes <c>index.html</c>, a page per notebook and <c>assets/</c> into <paramref name="siteDirectory"/>.</summary>
    public static void Render(IReadOnlyList<NotebookResult> notebooks, string siteDirectory, string courseTitle = "Autodiff.NET Course")
    {
        Directory.CreateDirectory(siteDirectory);
        SiteAssets.WriteTo(siteDirectory);

        for (var i = 0; i < notebooks.Count; i++)
        {
            var previous = i > 0 ? notebooks[i - 1] : null;
            var next = i + 1 < notebooks.Count ? notebooks[i + 1] : null;
            File.WriteAllText(Path.Combine(siteDirectory, PageName(notebooks[i])), NotebookPage(notebooks[i], previous, next, courseTitle));
        }

        File.WriteAllText(Path.Combine(siteDirectory, "index.html"), IndexPage(notebooks, courseTitle));
    }

    /// <summary>The notebook's title: the first markdown heading, else its file name.</summary>
    public static string Title(NotebookResult notebook)
    {
        foreach (var cell in notebook.Document.Elements.Where(c => c.KernelName == "markdown"))
        {
            var heading = cell.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('#'));
            if (heading is not null)
            {
                return heading.TrimStart('#').Trim();
            }
        }
        return Path.GetFileNameWithoutExtension(notebook.Name);
    }

    private static string IndexPage(IReadOnlyList<NotebookResult> notebooks, string courseTitle)
    {
        var body = new StringBuilder();
        body.Append($"<h1>{Encode(courseTitle)}</h1>\n");
        body.Append(MarkdownToHtml(Introduction()));
        body.Append("<table class=\"summary\"><thead><tr><th>#</th><th>notebook</th><th>cells</th><th>seconds</th><th>status</th></tr></thead><tbody>\n");
        for (var i = 0; i < notebooks.Count; i++)
        {
            var notebook = notebooks[i];
            var summary = Summary(notebook) is { } text ? $"<div class=\"notebook-summary\">{MarkdownToHtml(text)}</div>" : "";
            body.Append($"<tr><td>{i + 1}</td><td><a href=\"{Encode(PageName(notebook))}\">{Encode(Title(notebook))}</a>{summary}<small>{Encode(notebook.Name)}</small></td>");
            body.Append($"<td>{notebook.Cells.Count(c => c.Status == CellStatus.Passed)}/{notebook.Cells.Count}</td>");
            body.Append($"<td>{notebook.Elapsed.TotalSeconds:0.0}</td>");
            body.Append(notebook.Succeeded ? "<td class=\"ok\">passed</td>" : $"<td class=\"failed\">{Encode(notebook.Status)}</td>");
            body.Append("</tr>\n");
        }
        body.Append("</tbody></table>\n");
        if (notebooks.Count == 0)
        {
            body.Append("<p>No notebooks were run.</p>\n");
        }
        return Page(courseTitle, body.ToString(), hasMath: true, hasCharts: false);
    }

    /// <summary>
    /// The index page's prose above the table of notebooks: <c>Site/index.md</c> in this project (embedded, read
    /// here), markdown in which <c>{.intro}</c> on the line before a paragraph gives it that CSS class. It names
    /// the article the course follows by title, author and date: the seed gives no web address to link.
    /// </summary>
    public static string Introduction()
    {
        using var stream = typeof(SiteRenderer).Assembly.GetManifestResourceStream("site/index.md")
            ?? throw new InvalidOperationException("site/index.md is not embedded in the course command: see Autodiff.Course.csproj");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// What a notebook is about, for the index: the paragraph of its first markdown cell that starts with
    /// "**You will:**" (the course's convention), else the first paragraph after the heading.
    /// </summary>
    public static string? Summary(NotebookResult notebook)
    {
        var first = notebook.Document.Elements.FirstOrDefault(c => c.KernelName == "markdown");
        if (first is null)
        {
            return null;
        }
        var paragraphs = first.Contents.Replace("\r\n", "\n").Split("\n\n")
            .Select(p => p.Trim())
            .Where(p => p.Length > 0 && !p.StartsWith('#'))
            .ToList();
        return paragraphs.FirstOrDefault(p => p.StartsWith("**You will:**", StringComparison.Ordinal)) ?? paragraphs.FirstOrDefault();
    }

    private static string NotebookPage(NotebookResult notebook, NotebookResult? previous, NotebookResult? next, string courseTitle)
    {
        var body = new StringBuilder();
        var navigation = Navigation(previous, next, courseTitle);
        body.Append(navigation);
        // The runnable twin: the same notebook in the web app that `run` publishes next to the site.
        body.Append($"<p class=\"runnable\"><a href=\"{Encode(WebApp.LinkFromSite(notebook.Name))}\">▶ Run and edit this notebook in your browser</a></p>\n");

        if (notebook.FailureMessage is { } failure)
        {
            body.Append($"<div class=\"banner failed\"><strong>This notebook did not run to the end.</strong><pre>{Encode(failure)}</pre></div>\n");
        }

        var results = new Queue<CellResult>(notebook.Cells);
        var hasCharts = false;
        foreach (var cell in notebook.Document.Elements)
        {
            if (cell.KernelName == "markdown")
            {
                body.Append($"<section class=\"cell markdown\">{MarkdownToHtml(cell.Contents)}</section>\n");
                continue;
            }
            if (!NotebookRunner.IsCode(cell))
            {
                continue;
            }

            var result = results.Count > 0 ? results.Dequeue() : null;
            var status = result?.Status switch
            {
                CellStatus.Failed or CellStatus.TimedOut => " failed",
                CellStatus.Skipped => " skipped",
                _ => "",
            };
            var injected = Parameters.HasTag(cell, Parameters.InjectedTag) ? " injected" : "";
            var tag = Parameters.HasTag(cell, Parameters.Tag) ? "<span class=\"tag\">parameters</span>" : injected.Length > 0 ? "<span class=\"tag\">injected parameters (--set)</span>" : "";
            var prompt = cell.ExecutionOrder > 0 ? $"[{cell.ExecutionOrder}]" : "[ ]";
            var exercise = ExerciseRole(cell);
            if (exercise.Length > 0)
            {
                tag += $"<span class=\"tag\">{Encode(exercise)}</span>";
            }
            var isSolution = Parameters.HasTag(cell, ExerciseSolutionTag);
            if (isSolution)
            {
                body.Append("<details class=\"solution\"><summary>Solution (open it once you have tried)</summary>\n");
            }
            body.Append($"<section class=\"cell code{status}{injected}\"><div class=\"prompt\">{prompt}{tag}</div>");
            body.Append($"<pre class=\"source\"><code class=\"language-csharp\">{Encode(cell.Contents)}</code></pre>");
            if (cell.Outputs.Count > 0)
            {
                body.Append("<div class=\"outputs\">");
                foreach (var output in cell.Outputs)
                {
                    var html = Output(output);
                    hasCharts |= html.Contains("Plotly.newPlot", StringComparison.Ordinal);
                    body.Append(html);
                }
                body.Append("</div>");
            }
            body.Append("</section>\n");
            if (isSolution)
            {
                body.Append("</details>\n");
            }
        }

        body.Append(navigation);
        return Page($"{Title(notebook)} · {courseTitle}", body.ToString(), hasMath: true, hasCharts);
    }

    /// <summary>The cell tag of an exercise's solution: folded away on the page, as in the editors.</summary>
    public const string ExerciseSolutionTag = "exercise-solution";

    private static string ExerciseRole(InteractiveDocumentElement cell) =>
        Parameters.HasTag(cell, "exercise-starter") ? "exercise: your code"
        : Parameters.HasTag(cell, "exercise-check") ? "exercise: check"
        : Parameters.HasTag(cell, ExerciseSolutionTag) ? "exercise: solution"
        : "";

    private static string Navigation(NotebookResult? previous, NotebookResult? next, string courseTitle)
    {
        var left = previous is null ? "<span></span>" : $"<a class=\"prev\" href=\"{Encode(PageName(previous))}\">← {Encode(Title(previous))}</a>";
        var right = next is null ? "<span></span>" : $"<a class=\"next\" href=\"{Encode(PageName(next))}\">{Encode(Title(next))} →</a>";
        return $"<nav>{left}<a class=\"home\" href=\"index.html\">{Encode(courseTitle)}</a>{right}</nav>\n";
    }

    private static string Output(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement text => $"<pre class=\"output stream {Encode(text.Name)}\">{Encode(text.Text)}</pre>",
        ErrorElement error => $"<pre class=\"output error\"><strong>{Encode(error.ErrorName)}</strong>: {Encode(error.ErrorValue)}</pre>",
        DisplayElement display => Data(display.Data),
        ReturnValueElement value => Data(value.Data),
        _ => "",
    };

    private static string Data(IDictionary<string, object> data)
    {
        string? Get(string mime) => data.TryGetValue(mime, out var value) ? Text(value) : null;

        if (Get("text/html") is { } html)
        {
            // The setup cell's copy of plotly.js (data-autodiff-plotly-loader, see Autodiff.Plotting.NotebookCharts):
            // the page loads assets/plotly.min.js instead of 3.6 MB inline per page.
            if (html.Contains("data-autodiff-plotly-loader", StringComparison.Ordinal))
            {
                return "";
            }
            // The kernel's NuGet message is bookkeeping, not part of the story: folded away.
            return html.Contains("<strong>Installed Packages</strong>", StringComparison.Ordinal)
                ? $"<details class=\"output packages\"><summary>Installed packages</summary>{html}</details>"
                : $"<div class=\"output html\">{html}</div>";
        }
        if (Get("image/svg+xml") is { } svg)
        {
            return $"<div class=\"output svg\">{svg}</div>";
        }
        if (Get("image/png") is { } png)
        {
            return $"<div class=\"output image\"><img alt=\"output\" src=\"data:image/png;base64,{png.Trim()}\"></div>";
        }
        if (Get("text/markdown") is { } markdown)
        {
            return $"<div class=\"output markdown\">{MarkdownToHtml(markdown)}</div>";
        }
        if (Get("text/plain") is { } plain)
        {
            return $"<pre class=\"output text\">{Encode(plain)}</pre>";
        }
        return "";
    }

    private static string Text(object value) => value switch
    {
        string s => s,
        IEnumerable<object> lines => string.Concat(lines.Select(l => l?.ToString())),
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array => string.Concat(array.EnumerateArray().Select(e => e.ToString())),
        _ => value.ToString() ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body, bool hasMath, bool hasCharts)
    {
        var head = new StringBuilder();
        head.Append("<link rel=\"stylesheet\" href=\"assets/course.css\">\n");
        if (hasMath)
        {
            head.Append("""
                <link rel="stylesheet" href="assets/katex/katex.min.css">
                <script defer src="assets/katex/katex.min.js"></script>
                <script defer src="assets/katex/contrib/auto-render.min.js"></script>
                <script defer src="assets/course-math.js"></script>
                <script>
                document.addEventListener("DOMContentLoaded", function () {
                  document.querySelectorAll(".cell.markdown, .output.markdown, .notebook-summary").forEach(courseMath.render);
                });
                </script>

                """);
        }
        if (hasCharts)
        {
            head.Append($"<script src=\"{SiteAssets.PlotlyPath}\"></script>\n");
            head.Append("""
                <script>
                // Plotly.NET.Interactive's chart output asks require.js for plotly from a CDN (and
                // loads require.js from a CDN when it is missing). This page already has plotly.js,
                // so a two-line require hands it over: charts draw with no network.
                (function () {
                  var require = function (modules, callback) { if (typeof callback === "function") { callback(window.Plotly); } };
                  require.config = function () { return require; };
                  window.requirejs = window.require = require;
                })();
                </script>

                """);
        }

        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title>
            {head}</head>
            <body>
            <main>
            {body}</main>
            </body>
            </html>

            """;
    }
}
