using System.Text.Json;
using Autodiff.Graphs;
using static Autodiff.Plotting.Tests.GraphChartsTests;
using static Autodiff.Plotting.Tests.GraphGallery;

namespace Autodiff.Plotting.Tests;

public class BackwardReplayChartTests
{
    private const string Red = "#D0021B";

    /// <summary>What one slider position shows: its visibility array, shapes and annotations.</summary>
    private sealed record Step(string Label, bool[] Visible, JsonElement[] Shapes, JsonElement[] Annotations)
    {
        public JsonElement[] Arrows => [.. Annotations.Where(a => a.GetProperty("showarrow").GetBoolean())];

        public JsonElement[] Texts => [.. Annotations.Where(a => !a.GetProperty("showarrow").GetBoolean())];

        public string Caption => Texts.Single(a => a.GetProperty("xref").GetString() == "paper").GetProperty("text").GetString()!;

        /// <summary>The centres of the outlines drawn in red: the nodes this step is about.</summary>
        public (double X, double Y)[] Highlighted => [.. Shapes
            .Where(s => s.GetProperty("line").GetProperty("color").GetString() == Red)
            .Select(s => ((s.GetProperty("x0").GetDouble() + s.GetProperty("x1").GetDouble()) / 2,
                (s.GetProperty("y0").GetDouble() + s.GetProperty("y1").GetDouble()) / 2))];
    }

    private static Step[] Steps(ChartJson json) =>
        [.. Assert.Single(json.Layout.GetProperty("sliders").EnumerateArray()).GetProperty("steps").EnumerateArray().Select(s =>
        {
            Assert.Equal("update", s.GetProperty("method").GetString());
            var args = s.GetProperty("args");
            return new Step(s.GetProperty("label").GetString()!,
                [.. args[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean())],
                [.. args[1].GetProperty("shapes").EnumerateArray()],
                [.. args[1].GetProperty("annotations").EnumerateArray()]);
        })];

    private static (double X, double Y) Head(JsonElement arrow) => (arrow.GetProperty("x").GetDouble(), arrow.GetProperty("y").GetDouble());

    private static (double X, double Y) Tail(JsonElement arrow) => (arrow.GetProperty("ax").GetDouble(), arrow.GetProperty("ay").GetDouble());

    private static bool IsRed(JsonElement arrow) => arrow.GetProperty("arrowcolor").GetString() == Red;

    [Fact]
    public void Replay_OneSliderStepPerTraceStep_LabelledWithTheNodeProcessed()
    {
        var (graph, trace) = UsedTwice();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var steps = Steps(json);

        Assert.Equal(trace.Steps.Count, steps.Length);
        Assert.Equal(["L", "c", "b", "a"], steps.Select(s => s.Label));
        Assert.Equal(0, json.Layout.GetProperty("sliders")[0].GetProperty("active").GetInt32());
    }

    [Fact]
    public void Replay_OneSetOfNodeTracesPerStep_OnlyStepZerosVisibleOnLoad_LegendAlwaysShown()
    {
        var (graph, trace) = UsedTwice();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var steps = Steps(json);
        const int roles = 5;  // parameter, input, intermediate, output, operation

        Assert.Equal(steps.Length * roles + roles, json.Traces.Length);
        Assert.Equal(Enumerable.Range(0, json.Traces.Length).Select(t => t < roles || t >= steps.Length * roles),
            json.Traces.Select(t => !t.TryGetProperty("visible", out var v) || v.GetBoolean()));
        for (var i = 0; i < steps.Length; i++)
            Assert.Equal(Enumerable.Range(0, json.Traces.Length).Select(t => t >= steps.Length * roles || t / roles == i), steps[i].Visible);
    }

    [Fact]
    public void Replay_StepZeroIsWhatThePageShowsOnLoad()
    {
        var (graph, trace) = Linear();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var first = Steps(json)[0];
        Assert.Equal(first.Shapes.Select(s => s.GetRawText()), json.Shapes.Select(s => s.GetRawText()));
        Assert.Equal(first.Annotations.Select(a => a.GetRawText()), json.Annotations.Select(a => a.GetRawText()));
    }

    [Fact]
    public void Replay_HighlightsTheNodeProcessedAndItsOperation_AtEveryStep()
    {
        var (graph, trace) = UsedTwice();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var centres = Centres(NodeTraces(json).Take(5));
        var steps = Steps(json);
        var frames = graph.Replay(trace);

        for (var i = 0; i < steps.Length; i++)
        {
            var expected = new List<(double, double)> { centres[frames[i].Node.Id] };
            if (frames[i].Operation is { } op) expected.Add(centres[op.Id]);
            Assert.Equal(expected.Order(), steps[i].Highlighted.Order());
        }
        // The last step is the leaf a: nothing to pass on, so only a is outlined and no arrow is red.
        Assert.Equal([centres[graph.DataNodes.Single(n => n.Name == "a").Id]], steps[^1].Highlighted);
        Assert.DoesNotContain(steps[^1].Arrows, IsRed);
    }

    [Fact]
    public void Replay_TheGradientSentTravelsBackAlongItsEdge_LabelledWithTheAmount()
    {
        var (graph, trace) = UsedTwice();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var centres = Centres(NodeTraces(json).Take(5));
        var steps = Steps(json);
        var a = graph.DataNodes.Single(n => n.Name == "a");
        var c = graph.DataNodes.Single(n => n.Name == "c");
        var mulOfC = c.Producer!;

        // Step 1 processes c: ∂L/∂c = 1 goes from c into its Mul, which sends 3 back to a.
        var red = steps[1].Arrows.Where(IsRed).ToArray();
        Assert.Equal(2, red.Length);
        Assert.Contains(red, arrow => Tail(arrow) == centres[c.Id] && Head(arrow) == centres[mulOfC.Id]);
        var toA = Assert.Single(red, arrow => Head(arrow) == centres[a.Id]);
        Assert.Equal(centres[mulOfC.Id], Tail(toA));
        Assert.True(Head(toA).X < Tail(toA).X, "gradients flow right to left");
        var amount = Assert.Single(steps[1].Texts, t => t.GetProperty("xref").GetString() == "x");
        Assert.Equal("3", amount.GetProperty("text").GetString());
        // Beside the edge it labels: between a and the Mul.
        Assert.InRange(amount.GetProperty("x").GetDouble(), centres[a.Id].X, centres[mulOfC.Id].X);

        Assert.Equal("2", Assert.Single(steps[2].Texts, t => t.GetProperty("xref").GetString() == "x").GetProperty("text").GetString());
        // Every other edge stays grey and points forwards.
        Assert.Equal(graph.Edges.Count, steps[1].Arrows.Length);
        Assert.All(steps[1].Arrows.Where(arrow => !IsRed(arrow)), arrow => Assert.True(Head(arrow).X > Tail(arrow).X));
    }

    [Fact]
    public void Replay_GradientsAppearAsTheyArrive()
    {
        var (graph, trace) = UsedTwice();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var a = graph.DataNodes.Single(n => n.Name == "a").Id;
        var b = graph.DataNodes.Single(n => n.Name == "b").Id;
        string TextAt(int step, string id) => Texts(NodeTraces(json).Skip(5 * step).Take(5))[id];

        Assert.Contains("grad –", TextAt(0, a));
        Assert.Contains("grad <span style=\"color:#D0021B\"><b>1</b></span>", TextAt(0, b));   // just arrived: in red
        Assert.Contains(">3<", TextAt(1, a));
        Assert.Contains(">5<", TextAt(2, a));
        Assert.EndsWith("grad 5", TextAt(3, a));
        Assert.EndsWith("grad 1", TextAt(3, b));
        // Constants need no gradient: they never get a "grad" line.
        Assert.All(Enumerable.Range(0, 4), step => Assert.All(
            graph.DataNodes.Where(n => n.Role == NodeRole.Input), n => Assert.DoesNotContain("grad", TextAt(step, n.Id))));
    }

    [Fact]
    public void Replay_CaptionsExplainEachStep_AndTheSumOverPaths()
    {
        var (graph, trace) = UsedTwice();
        var captions = Steps(ChartJson.Of(Charts.BackwardReplay(graph, trace))).Select(s => s.Caption).ToArray();

        Assert.Equal([
            "∂L/∂L = 1 starts the pass at L; Add sends 1 to b and 1 to c",
            "∂L/∂c = 1 arrives at c; Mul sends 3 to a",
            "∂L/∂b = 1 arrives at b; Mul sends 2 to a",
            "∂L/∂a = 2 via b + 3 via c = 5 arrives at a, a leaf: a.grad = 5",
        ], captions);
        var a = graph.DataNodes.Single(n => n.Name == "a").Tensor;
        Assert.Equal("a.grad = 2 via b + 3 via c = 5", trace.Explain(a));
    }

    [Fact]
    public void Replay_LinearModel_CaptionsFollowTheArticle()
    {
        var (graph, trace) = Linear();
        var captions = Steps(ChartJson.Of(Charts.BackwardReplay(graph, trace))).Select(s => s.Caption).ToArray();
        Assert.Equal([
            "∂y/∂y = 1 starts the pass at y; Add sends 1 to z and 1 to b",
            "∂y/∂b = 1 arrives at b, a leaf: b.grad = 1",
            "∂y/∂z = 1 arrives at z; Mul sends −2 to w",
            "∂y/∂w = −2 arrives at w, a leaf: w.grad = −2",
        ], captions);
    }

    [Fact]
    public void Replay_LogisticRegression_EveryStepHasACaptionThatFits()
    {
        var (graph, trace) = LogisticRegression();
        var json = ChartJson.Of(Charts.BackwardReplay(graph, trace));
        var steps = Steps(json);
        Assert.Equal(trace.Steps.Count, steps.Length);
        Assert.All(steps, s => Assert.StartsWith("∂loss/∂", s.Caption));
        Assert.Contains(steps, s => s.Caption.Contains("Sigmoid sends", StringComparison.Ordinal));
        // The caption sits between the plot and the slider, whose padding leaves it room.
        var lines = steps.Max(s => s.Caption.Split("<br>").Length);
        Assert.True(json.Layout.GetProperty("sliders")[0].GetProperty("pad").GetProperty("t").GetDouble() >= 18 * lines);
    }

    [Fact]
    public void Replay_RejectsATraceOfAnotherGraph()
    {
        var (graph, _) = Linear();
        var (_, otherTrace) = UsedTwice();
        var ex = Assert.Throws<ArgumentException>(() => Charts.BackwardReplay(graph, otherTrace));
        Assert.Equal("trace", ex.ParamName);
    }
}
