using Autodiff.Plotting;
using Markdig;
using Plotly.NET;

namespace Autodiff.Web;

/// <summary>How the app shows markdown and cell values, as the course runner's site and notebooks/course.dib do.</summary>
public static class Display
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Markdown to HTML; math is left for KaTeX, <c>$$…$$</c> inside a paragraph is display math.</summary>
    public static string Markdown(string markdown)
    {
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<Markdig.Extensions.Mathematics.HtmlMathInlineRenderer>(new DisplayAwareMathInlineRenderer());
        renderer.Render(Markdig.Markdown.Parse(markdown, Pipeline));
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>A cell's value as an output: charts and tables as HTML, anything else as its text.</summary>
    public static Output? Value(object? value) => value switch
    {
        null => null,
        GenericChart chart => Output.Html(ChartHtml.Fragment(chart)),
        HtmlTable table => Output.Html(table.ToHtml()),
        _ => Output.Text(value.ToString() ?? ""),
    };

    private sealed class DisplayAwareMathInlineRenderer
        : Markdig.Renderers.Html.HtmlObjectRenderer<Markdig.Extensions.Mathematics.MathInline>
    {
        protected override void Write(Markdig.Renderers.HtmlRenderer renderer, Markdig.Extensions.Mathematics.MathInline math)
        {
            var display = math.DelimiterCount >= 2;
            renderer.Write(display ? "<span class=\"math display\">\\[" : "<span class=\"math\">\\(");
            renderer.WriteEscape(ref math.Content);
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }
}
