using System.Text.Json;
using Plotly.NET;

namespace Autodiff.Plotting.Tests;

/// <summary>What plotly.js receives for a chart, as parsed JSON: the thing the tests make claims about.</summary>
internal sealed class ChartJson
{
    private ChartJson(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public static ChartJson Of(GenericChart chart) => new(JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.Clone());

    public JsonElement[] Traces => [.. Root.GetProperty("data").EnumerateArray()];

    public JsonElement Layout => Root.GetProperty("layout");

    public string[] TraceTypes => [.. Traces.Select(t => t.GetProperty("type").GetString()!)];

    public string? Title => Layout.GetProperty("title").GetProperty("text").GetString();

    public string? AxisTitle(string axis) => Layout.GetProperty(axis).GetProperty("title").GetProperty("text").GetString();

    public JsonElement[] Annotations => Layout.TryGetProperty("annotations", out var a) ? [.. a.EnumerateArray()] : [];

    public JsonElement[] Shapes => Layout.TryGetProperty("shapes", out var s) ? [.. s.EnumerateArray()] : [];

    public JsonElement Trace(string name) => Traces.Single(t => t.TryGetProperty("name", out var n) && n.GetString() == name);

    public static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
