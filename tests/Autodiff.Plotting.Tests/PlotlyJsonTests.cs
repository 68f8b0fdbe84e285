using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Plotly.NET;
using Plotly.NET.LayoutObjects;

namespace Autodiff.Plotting.Tests;

/// <summary>
/// <see cref="PlotlyJson"/> against Plotly.NET's own serializer (Newtonsoft with Plotly.NET's settings, as
/// <c>GenericChart.toChartHTML</c> calls it), for every chart the library makes: the same JSON tree, number for
/// number (same double, integer stays integer), or the first path where they part.
/// </summary>
public class PlotlyJsonTests
{
    [Theory]
    [MemberData(nameof(ChartNames))]
    public void DataLayoutAndConfig_AreWhatPlotlyNetWrites(string name)
    {
        var chart = AllCharts()[name];
        AssertSameJson($"{name}: data", Newtonsoft(GenericChart.getTraces(chart)), PlotlyJson.Data(chart));
        AssertSameJson($"{name}: layout", Newtonsoft(GenericChart.getLayout(chart)), PlotlyJson.Layout(chart));
        AssertSameJson($"{name}: config", Newtonsoft(GenericChart.getConfig(chart)), PlotlyJson.Config(chart));
    }

    [Fact]
    public void Numbers_AreWrittenAsNewtonsoftWritesThem()
    {
        double[] numbers = [0, 1, -2, 0.1, 1.0 / 3, 1e-7, 1e300, -1e-300, double.Epsilon, double.MaxValue,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0];
        Assert.Equal(Newtonsoft(numbers), PlotlyJson.Json(numbers));
        object[] mixed = [1, 2L, 1.5f, float.NaN, true, "x", null!, 3.0];
        Assert.Equal(Newtonsoft(mixed), PlotlyJson.Json(mixed));
    }

    [Fact]
    public void Strings_AreEscaped_AndCannotEndTheScriptElement()
    {
        const string text = "a \"quote\", a \\ and a tab\t, a line\nθ₀ ∇f \u0001 \u2028 </script><b>";
        var json = PlotlyJson.Json(text);
        Assert.Equal(text, JToken.Parse(json).Value<string>());
        Assert.DoesNotContain("</script", json);
    }

    [Fact]
    public void Fragment_IsPlotlyNetsHtml_WithTheDivIdTheScriptDrawsInto()
    {
        var chart = AllCharts()["07-decision-boundary"];
        var fragment = ChartHtml.Fragment(chart);

        var id = Regex.Match(fragment, "^<div><div id=\"(?<id>[0-9a-f-]{36})\">").Groups["id"].Value;
        Assert.NotEmpty(id);
        Assert.Contains($"Plotly.newPlot('{id}', data, layout, config);", fragment);
        Assert.NotEqual(id, Regex.Match(ChartHtml.Fragment(chart), "id=\"(?<id>[^\"]+)\"").Groups["id"].Value);

        // Plotly.NET's own HTML for the chart, with its id and JSON swapped for ours, is ours character for character.
        var display = DisplayOptions.setPlotlyReference(PlotlyJSReference.NoReference).Invoke(GenericChart.getDisplayOptions(chart));
        var theirs = GenericChart.toChartHTML(GenericChart.setDisplayOptions(display, chart));
        var theirId = Regex.Match(theirs, "id=\"(?<id>[^\"]+)\"").Groups["id"].Value;
        var expected = theirs
            .Replace(theirId, id).Replace(theirId.Replace("-", ""), id.Replace("-", ""))
            .Replace(Newtonsoft(GenericChart.getTraces(chart)), PlotlyJson.Data(chart))
            .Replace(Newtonsoft(GenericChart.getLayout(chart)), PlotlyJson.Layout(chart))
            .Replace(Newtonsoft(GenericChart.getConfig(chart)), PlotlyJson.Config(chart));
        Assert.Equal(expected, fragment);
    }

    [Fact]
    public void Compare_NamesTheFirstDifferingPath()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            AssertSameJson("example", """{"a":[1.0,{"b":"x"}]}""", """{"a":[1.0,{"b":"y"}]}"""));
        Assert.Contains("example: at a[1].b", error.Message);
        Assert.ThrowsAny<Exception>(() => AssertSameJson("integer", "[1]", "[1.0]"));
        Assert.ThrowsAny<Exception>(() => AssertSameJson("last digit", "[0.1]", "[0.10000000000000002]"));
        Assert.ThrowsAny<Exception>(() => AssertSameJson("missing", """{"a":1}""", """{"a":1,"b":2}"""));
    }

    public static TheoryData<string> ChartNames() => [.. AllCharts().Keys];

    /// <summary>The gallery (the article's charts and graph pictures), every other public chart method, and colours.</summary>
    private static Dictionary<string, GenericChart> AllCharts()
    {
        var charts = Gallery.All().ToDictionary(c => c.Name, c => c.Chart);
        var points = Gallery.Clusters(perClass: 10);
        var trained = Gallery.Logistic(2.0, 1.8, -0.6);
        charts["decision-boundary-from-grid"] = Charts.DecisionBoundary(Grid2D.Evaluate(trained, (-3, 3), (-3, 3), 15), points);
        charts["decision-boundary-evolution-from-grids"] = Charts.DecisionBoundaryEvolution(
            [Grid2D.Evaluate(trained, (-2, 3), (-2, 3), 5), Grid2D.Evaluate(Gallery.Logistic(-1, 1, 2), (-2, 3), (-2, 3), 5)], points);
        charts["contour-plain"] = Charts.Contour((x, y) => x * x + 4 * y * y, (-3, 3), (-1.5, 1.5), resolution: 20);
        double[] n = [10, 100, 1000];
        charts["log-x"] = Charts.LogX([new Series("ratio", [4.2, 12.0, 14.5], n)], title: "Ratio", xTitle: "n", yTitle: "×");
        charts["log-y"] = Charts.LogY([new Series("loss", [0.9, 0.1, 0.01]), new Series("other", [1, 0.5, 0.2])]);
        charts["log-log"] = Charts.LogLog([new Series("error", [0.1, 0.01, 0.001], n), new Series("bound", [1, 0.1, 0.01], n)], reversedX: true);
        charts["runs-slider"] = Charts.RunsSlider(["0.1", "0.4"],
            [[new Series("run", Gallery.Descent(0.1, 5))], [new Series("run", Gallery.Descent(0.4, 5))]],
            fixedSeries: [new Series("x*", [-0.75, -0.75])], prefix: "η = ", yRange: (-2, 1), logY: false);
        charts["runs-slider-log-points"] = Charts.RunsSlider(["a"], [[new Series("loss", [1, 0.1, 0.01])]],
            fixedSeries: [new Series("class 0", [1, 2], [0.5, 1.5])], fixedAsPoints: true, logY: true, yRange: (-2, 1));
        charts["dag"] = Charts.Dag([new DagNode("x"), new DagNode("+", IsOperation: true), new DagNode("y", Color: "#ff7f0e")],
            [(0, 1), (1, 2)], title: "A small graph");
        charts["dag-too-large"] = Charts.Dag([.. Enumerable.Range(0, 600).Select(i => new DagNode($"n{i}"))],
            Enumerable.Range(1, 599).Select(i => (i - 1, i)));
        var w = new Tensor(2.0, requiresGrad: true) { Name = "w" };
        var sigmoid = (w * w).Sigmoid();
        sigmoid.Backward();
        charts["graph-of-a-tensor"] = Charts.ComputationalGraph(sigmoid, title: "σ(w²)");
        charts["paths-diverging-nan"] = Charts.PathsOverSteps(Grid2D.Evaluate((x, y) => x * x + y * y, (-3, 3), (-3, 3), 10),
            [new Series("diverged", [1.0, 2.0, double.PositiveInfinity, double.NaN], [0.5, 1.0, 1e300, double.NaN])], [3]);
        charts["loss-with-nan"] = Charts.LossCurve([0.9, double.NaN, 0.3, double.PositiveInfinity]);
        charts["colours-as-objects-and-other-values"] = Charts.Trajectories([new Series("a", [1.0, 2.0, 3.0])])
            .WithTraceAttribute("marker", new DynamicObj.DynamicObj()
                .With("color", Color.fromColors([Color.fromARGB(128, 10, 20, 30), Color.fromKeyword(ColorKeyword.Red),
                    Color.fromHex("#1f77b4"), Color.fromString("green")]))
                .With("line", new DynamicObj.DynamicObj().With("color", Color.fromRGB(1, 2, 3))))
            .WithTraceAttribute("fillcolor", Color.fromColorScaleValues(new[] { 0.5, 1.0 }))
            .WithLayoutAttribute("paper_bgcolor", "rgba(0, 0, 0, 0)")
            .WithLegend(new Legend().With("bgcolor", Color.fromARGB(0, 255, 255, 255)))
            .WithShapes([PlotlyObjects.Segment(0, 0, 1, 1, "black")])
            .WithAnnotations([PlotlyObjects.Label(0.5, 0.5, "a \"label\" with <b>html</b>")])
            .WithXAxis(("type", "log"), ("range", new[] { -1, 2 }))
            .WithYAxis(2, ("overlaying", "y"), ("side", "right"))
            // Types the writer leaves to Newtonsoft.
            .WithLayoutAttribute("meta", new Dictionary<string, object>
            {
                ["when"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                ["pair"] = (1, "a"),
                ["price"] = 1.50m,
            });
        return charts;
    }

    private static string Newtonsoft(object? value) => JsonConvert.SerializeObject(value, Globals.JSON_CONFIG);

    /// <summary>
    /// The two texts as JSON trees: the same keys (order aside), arrays of the same length, and the same values,
    /// where a number must be the same double (not merely close, as <c>JToken.DeepEquals</c> allows) and an integer
    /// must stay an integer. Fails with the first path where they differ.
    /// </summary>
    private static void AssertSameJson(string what, string expected, string actual)
    {
        var difference = FirstDifference("", JToken.Parse(expected), JToken.Parse(actual));
        if (difference is not null) Assert.Fail($"{what}: at {difference}");
    }

    private static string? FirstDifference(string path, JToken expected, JToken actual)
    {
        if (expected.Type != actual.Type) return $"{Show(path)}: expected {expected.Type} {Cut(expected)}, got {actual.Type} {Cut(actual)}";
        switch (expected)
        {
            case JObject expectedObject:
                var actualObject = (JObject)actual;
                foreach (var (key, value) in expectedObject)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (!actualObject.TryGetValue(key, out var other)) return $"{childPath}: missing";
                    if (FirstDifference(childPath, value!, other) is { } difference) return difference;
                }
                var extra = actualObject.Properties().Select(p => p.Name).FirstOrDefault(k => !expectedObject.ContainsKey(k));
                return extra is null ? null : $"{(path.Length == 0 ? extra : $"{path}.{extra}")}: not expected";
            case JArray expectedArray:
                var actualArray = (JArray)actual;
                if (expectedArray.Count != actualArray.Count) return $"{Show(path)}: expected {expectedArray.Count} items, got {actualArray.Count}";
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (FirstDifference($"{path}[{i}]", expectedArray[i], actualArray[i]) is { } difference) return difference;
                }
                return null;
            case JValue { Value: double d }:
                var a = (double)((JValue)actual).Value!;
                return BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(a) ? null : $"{Show(path)}: expected {d:R}, got {a:R}";
            default:
                return Equals(((JValue)expected).Value, ((JValue)actual).Value) ? null : $"{Show(path)}: expected {Cut(expected)}, got {Cut(actual)}";
        }
    }

    private static string Show(string path) => path.Length == 0 ? "(root)" : path;

    private static string Cut(JToken token)
    {
        var text = token.ToString(Formatting.None);
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
