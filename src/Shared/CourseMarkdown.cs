using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Autodiff.Shared;

/// <summary>
/// The course's markdown, as the static site (<c>Autodiff.Course</c>) and the browser app (<c>Autodiff.Web</c>) both
/// render it: one source file linked into both projects, because the WebAssembly app cannot reference the console runner.
/// Math is left in the HTML for KaTeX (<c>Assets/course-math.js</c> says which delimiters it reads).
/// </summary>
internal static class CourseMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions() // pipe tables, footnotes, and math: $…$ is kept away from emphasis rules
        .Build();

    /// <summary>
    /// Markdown to HTML. <c>$$…$$</c> inside a paragraph is display math, as in Jupyter and VS Code (Markdig alone
    /// makes it inline unless the <c>$$</c> stand on lines of their own).
    /// </summary>
    public static string ToHtml(string markdown)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayAwareMathInlineRenderer());
        renderer.Render(Markdown.Parse(markdown, Pipeline));
        writer.Flush();
        return writer.ToString();
    }

    private sealed class DisplayAwareMathInlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            var display = math.DelimiterCount >= 2;
            renderer.Write(display ? "<span class=\"math display\">\\[" : "<span class=\"math\">\\(");
            renderer.WriteEscape(ref math.Content);
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }
}
