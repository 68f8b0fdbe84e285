using System.Text.RegularExpressions;
using Autodiff.Course.Site;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>Runs three fixture notebooks through the course runner once, for the site tests.</summary>
public sealed class RenderedFixtureCourse
{
    public RenderedFixtureCourse()
    {
        Output = Repo.NewTempDirectory();
        var log = new StringWriter();
        Result = CourseRunner.RunAsync(
            new CourseOptions
            {
                Notebooks = [Repo.Fixture("passing"), Repo.Fixture("chart"), Repo.Fixture("throwing")],
                OutputDirectory = Output,
                ContinueOnError = true,
            },
            log).GetAwaiter().GetResult();
        Log = log.ToString();
    }

    public string Output { get; }

    public string Site => Path.Combine(Output, "site");

    public CourseResult Result { get; }

    public string Log { get; }

    public string Page(string name) => File.ReadAllText(Path.Combine(Site, name));
}

public sealed class SiteTests(RenderedFixtureCourse course, ITestOutputHelper output) : IClassFixture<RenderedFixtureCourse>
{
    [Fact]
    public void Run_WritesAnExecutedNotebookAndAPagePerNotebook_AndAnIndex()
    {
        output.WriteLine(course.Log);
        foreach (var name in new[] { "passing", "chart", "throwing" })
        {
            Assert.True(File.Exists(Path.Combine(course.Output, "executed", name + ".ipynb")), name);
            Assert.True(File.Exists(Path.Combine(course.Site, name + ".html")), name);
        }
        var index = course.Page("index.html");
        Assert.Contains("<a href=\"passing.html\">Passing</a>", index);
        Assert.Contains("<a href=\"chart.html\">Chart</a>", index);
        Assert.Contains("failed at cell 3", index);
        // Each notebook is introduced by the first paragraph after its heading, math included.
        Assert.Contains("The setup cell of every course notebook, then a chart.", index);
        Assert.Contains("<span class=\"math\">\\(x^2\\)</span>", index);
        Assert.Contains("assets/katex/katex.min.js", index);
        // The introduction comes from Site/index.md, rendered as the page had it when it was written in C#.
        Assert.Contains("<h1>Autodiff.NET Course</h1>\n<p class=\"intro\">Gradient descent, model fitting by maximum likelihood, the chain rule and backpropagation, "
            + "learned by building and using a small reverse-mode automatic-differentiation library in C#. "
            + "Each page is a notebook, executed from top to bottom; its checks passed if it says <em>passed</em>.</p>\n"
            + "<p class=\"source\">The course follows the article <cite>ML Basics</cite> by Oleguer Canal "
            + "(published 28 December 2025): its chapters, its worked numbers and its figures.</p>\n<table class=\"summary\">", index);
    }

    [Fact]
    public void Pages_LinkPreviousAndNext()
    {
        var chart = course.Page("chart.html");
        Assert.Contains("<a class=\"prev\" href=\"passing.html\">← Passing</a>", chart);
        Assert.Contains("<a class=\"next\" href=\"throwing.html\">Throwing →</a>", chart);
        Assert.DoesNotContain("class=\"prev\"", course.Page("passing.html"));
        Assert.DoesNotContain("class=\"next\"", course.Page("throwing.html"));
    }

    [Fact]
    public void Markdown_IsRendered_AndMathIsLeftForKaTeX()
    {
        var chart = course.Page("chart.html");
        Assert.Contains("<h1 id=\"chart\">Chart</h1>", chart);
        Assert.Contains("<span class=\"math\">\\(x^2\\)</span>", chart);
        Assert.Contains("<span class=\"math display\">\\[\\frac{d}{dx} x^2 = 2x\\]</span>", chart);
        Assert.Contains("assets/katex/katex.min.js", chart);
    }

    [Fact]
    public void CodeCells_ShowSourceAndOutputs_AndAFailedNotebookSaysWhere()
    {
        var passing = course.Page("passing.html");
        Assert.Contains("Console.WriteLine(greeting + &quot; from stdout&quot;);", passing);
        Assert.Contains("<pre class=\"output stream stdout\">hello from stdout\n</pre>", passing);

        var throwing = course.Page("throwing.html");
        Assert.Contains("This notebook did not run to the end.", throwing);
        Assert.Contains("throwing.ipynb: cell 3 of 4 failed", throwing);
        Assert.Contains("<section class=\"cell code failed\">", throwing);
        Assert.Contains("<section class=\"cell code skipped\">", throwing);
    }

    [Fact]
    public void Site_IsOffline_PlotlyJsOnceFromDisk_NoScriptFromTheNetwork()
    {
        var chart = course.Page("chart.html");
        Assert.Single(Regex.Matches(chart, "<script src=\"assets/plotly.min.js\"></script>"));
        Assert.Contains("Plotly.newPlot", chart);
        Assert.DoesNotMatch("<script[^>]+src=\"(https?:)?//", chart);
        Assert.DoesNotMatch("<link[^>]+href=\"(https?:)?//", chart);
        Assert.DoesNotContain("assets/plotly.min.js", course.Page("passing.html"));

        var plotly = new FileInfo(Path.Combine(course.Site, SiteAssets.PlotlyPath));
        Assert.True(plotly.Length > 3_000_000, $"plotly.js is {plotly.Length} bytes");
        Assert.StartsWith("/*", File.ReadAllText(plotly.FullName)[..2]);
        foreach (var file in new[] { "katex/katex.min.js", "katex/katex.min.css", "katex/contrib/auto-render.min.js", "katex/fonts/KaTeX_Main-Regular.woff2", "katex/LICENSE", "course.css", "course-math.js" })
        {
            Assert.True(File.Exists(Path.Combine(course.Site, "assets", file)), file);
        }
    }

    [Fact]
    public void PlotlyJs_IsTheVersionPlotlyNetWritesChartsFor()
    {
        var (script, license) = SiteAssets.ReadPlotlyJs();
        var head = System.Text.Encoding.UTF8.GetString(script, 0, 400);
        Assert.Contains("plotly.js v2.28.0", head);
        Assert.NotNull(license);
        // The chart output asks for that same version.
        Assert.Contains("plotly-2.28.0.min", course.Page("chart.html"));
    }

    /// <summary>
    /// Loads the rendered chart page from disk in headless Chromium with the network off, lets its
    /// scripts run, and checks that plotly drew the chart (an SVG) and KaTeX typeset the math.
    /// </summary>
    [ChromiumFact]
    public void Chromium_DrawsTheChartAndTheMath_WithNoNetwork()
    {
        var dom = Chromium.DumpDom(Path.Combine(course.Site, "chart.html"));

        Assert.Contains("class=\"main-svg\"", dom);
        Assert.Contains("class=\"scatterlayer", dom);
        Assert.Contains("class=\"katex\"", dom);
        Assert.Contains("class=\"katex-display\"", dom);
    }

    /// <summary>
    /// The control for the test above: the chart output as a notebook holds it (without the setup
    /// cell's plotly.js it falls back to the CDN), on a page without the local plotly.js, must stay
    /// blank, or the browser was not offline.
    /// </summary>
    [ChromiumFact]
    public void Chromium_CdnChartWithoutLocalPlotly_StaysBlank()
    {
        var chart = NotebookRunner.Load(Path.Combine(course.Output, "executed", "chart.ipynb")).Elements
            .SelectMany(e => e.Outputs).OfType<Microsoft.DotNet.Interactive.Documents.ReturnValueElement>()
            .Select(o => o.Data.TryGetValue("text/html", out var html) ? NotebookRunnerTests.Text(o) : "")
            .Single(html => html.Contains("Plotly.newPlot") && !html.Contains("data-autodiff-plotly-loader"));
        var page = Path.Combine(course.Output, "cdn-only.html");
        File.WriteAllText(page, $"<!DOCTYPE html><html><body>{chart}</body></html>");

        var dom = Chromium.DumpDom(page);

        Assert.Contains("Plotly chart will be drawn inside this DIV", dom);
        Assert.DoesNotContain("class=\"main-svg\"", dom);
    }

    [ChromiumFact]
    public void Chromium_Screenshot_OfTheChartPage()
    {
        var png = Path.Combine(course.Output, "chart.png");
        Chromium.Screenshot(Path.Combine(course.Site, "chart.html"), png);

        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000, $"screenshot is {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        output.WriteLine($"screenshot: {png}");
    }
}
