namespace Autodiff.Plotting.Tests;

public class HtmlTableTests
{
    private sealed record Step(int K, double X);

    [Fact]
    public void DescentTable_HasTheArticlesColumns_AndPrintsX5AsTheArticleDoes()
    {
        var table = Gallery.DescentTable();
        Assert.Equal(["k", "xₖ", "f(xₖ)", "f′(xₖ)"], table.Headers);
        Assert.Equal(6, table.Rows.Count);
        Assert.Equal("-0.80832", table.Format(table.Rows[5][1]));

        var html = table.ToHtml();
        Assert.StartsWith("<table", html);
        Assert.Contains(">xₖ</th>", html);
        Assert.Contains("text-align:right\">-0.80832</td>", html);
        Assert.Equal(7, html.Split("<tr>").Length - 1);  // header row + 6 rows
    }

    [Fact]
    public void From_Records_UsesPropertyNamesAsHeaders()
    {
        var table = HtmlTable.From([new Step(0, 0.5), new Step(1, 0.25)], caption: "steps");
        Assert.Equal(["K", "X"], table.Headers);
        Assert.Equal([1, 0.25], table.Rows[1]);
        Assert.Contains("<caption>steps</caption>", table.ToHtml());
    }

    [Fact]
    public void From_WithNoColumnsGiven_ReadsEveryProperty()
    {
        var table = HtmlTable.From(new[] { new Step(3, 1.5) });
        Assert.Equal(["K", "X"], table.Headers);
        Assert.Null(table.Caption);
    }

    [Fact]
    public void ToHtml_EncodesText()
    {
        var table = new HtmlTable(["a<b"], [["<script>"]]);
        var html = table.ToHtml();
        Assert.Contains(">a&lt;b</th>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void NumberFormat_CanBeChanged()
    {
        var table = new HtmlTable(["x"], [[1.0 / 3]]) { NumberFormat = "F2" };
        Assert.Contains(">0.33<", table.ToHtml());
    }

    [Fact]
    public void ToString_AlignsColumns()
    {
        var table = new HtmlTable(["k", "value"], [[1, 2.5], [10, -0.125]]);
        Assert.Equal(string.Join(Environment.NewLine, " k   value", " 1     2.5", "10  -0.125"), table.ToString());
    }

    [Fact]
    public void RowsMustMatchTheHeaders()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HtmlTable(["a", "b"], [[1, 2], [3]]));
        Assert.Equal("rows[1]", ex.ParamName);
    }
}
