using Autodiff.Plotting;
using Autodiff.Shared;
using Plotly.NET;

namespace Autodiff.Web;

/// <summary>How the app shows markdown and cell values, as the course runner's site and notebooks/course.dib do.</summary>
public static class Display
{
    /// <summary>Markdown to HTML, math left for KaTeX (<see cref="CourseMarkdown"/>, shared with the static site).</summary>
    public static string Markdown(string markdown) => CourseMarkdown.ToHtml(markdown);

    /// <summary>A cell's value as an output: charts and tables as HTML, anything else as its text.</summary>
    public static Output? Value(object? value) => value switch
    {
        null => null,
        GenericChart chart => Output.Html(ChartHtml.Fragment(chart)),
        HtmlTable table => Output.Html(table.ToHtml()),
        _ => Output.Text(value.ToString() ?? ""),
    };
}
