using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace Autodiff.Plotting;

/// <summary>
/// A small table of values with real columns, e.g. the gradient-descent table of xₖ, f(xₖ), f′(xₖ).
/// </summary>
/// <remarks>
/// A notebook shows a list of records as nested objects rather than columns, so the course renders its
/// tables itself. This type knows nothing about notebook kernels: <see cref="ToHtml"/> returns a string,
/// and a notebook shows it through that HTML (see NotebookDisplay.cs).
/// Numbers are written with the invariant culture and <see cref="NumberFormat"/>. Immutable.
/// </remarks>
[TypeFormatterSource(typeof(HtmlTableFormatterSource))]
public sealed class HtmlTable
{
    /// <summary>Creates a table from column headers and rows of cell values.</summary>
    /// <param name="headers">Column headers.</param>
    /// <param name="rows">Rows, each with one value per header.</param>
    /// <param name="caption">Optional caption shown above the table.</param>
    /// <exception cref="ArgumentException">A row has a different number of cells than there are headers.</exception>
    public HtmlTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null)
    {
        Headers = Check.NotEmpty(headers, nameof(headers));
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows.Select((row, i) =>
        {
            Check.SameLength(Headers.Count, row.Count, $"{nameof(rows)}[{i}]");
            return (IReadOnlyList<object?>)row.ToArray();
        }).ToArray();
        Caption = caption;
    }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Cell values, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    /// <summary>Caption shown above the table, or <c>null</c>.</summary>
    public string? Caption { get; }

    /// <summary>
    /// .NET format string for <see cref="double"/> and <see cref="float"/> cells. The default, six significant
    /// digits, prints the article's x₅ as −0.80832 rather than −0.8083200000000001.
    /// </summary>
    public string NumberFormat { get; init; } = "G6";

    /// <summary>
    /// A table with one column per public property of <typeparamref name="T"/>, headed by the property name:
    /// <c>HtmlTable.From(steps)</c> for a list of records.
    /// </summary>
    /// <param name="items">The rows.</param>
    /// <param name="caption">Optional caption.</param>
    public static HtmlTable From<T>(IEnumerable<T> items, string? caption = null)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0).ToArray();
        return new HtmlTable(properties.Select(p => p.Name).ToArray(),
            items.Select(item => (IReadOnlyList<object?>)properties.Select(p => p.GetValue(item)).ToArray()), caption);
    }

    /// <summary>
    /// A table with the given columns, each a header and a function that reads the cell from an item:
    /// <c>HtmlTable.From(steps, ("k", s =&gt; s.K), ("xₖ", s =&gt; s.X))</c>.
    /// </summary>
    /// <param name="items">The rows.</param>
    /// <param name="columns">Header and cell value of each column.</param>
    public static HtmlTable From<T>(IEnumerable<T> items, params (string Header, Func<T, object?> Value)[] columns)
    {
        var cols = Check.NotEmpty(columns, nameof(columns));
        return new HtmlTable(cols.Select(c => c.Header).ToArray(),
            items.Select(item => (IReadOnlyList<object?>)cols.Select(c => c.Value(item)).ToArray()));
    }

    /// <summary>The cell as it is printed: numbers with <see cref="NumberFormat"/>, everything else with <c>ToString</c>.</summary>
    public string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString(NumberFormat, CultureInfo.InvariantCulture),
        float f => f.ToString(NumberFormat, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The table as an HTML <c>&lt;table&gt;</c> element, with every value HTML-encoded.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"autodiff-table\">");
        if (Caption is not null) html.Append("<caption>").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>");
        html.Append("<thead><tr>");
        // Inline padding: the table must read well in VS Code, Jupyter and the static site alike.
        foreach (var header in Headers) html.Append("<th style=\"padding:2px 12px\">").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                // Right-aligned numbers line up their digits, which is what makes a convergence table readable.
                var align = cell is double or float or int or long or decimal ? ";text-align:right" : "";
                html.Append("<td style=\"padding:2px 12px").Append(align).Append("\">").Append(WebUtility.HtmlEncode(Format(cell))).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as aligned plain text, for consoles and test output.</summary>
    public override string ToString()
    {
        var cells = Rows.Select(row => row.Select(Format).ToArray()).ToArray();
        var widths = Headers.Select((h, c) => cells.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var lines = new[] { Headers.ToArray() }.Concat(cells)
            .Select(r => string.Join("  ", r.Select((cell, c) => cell.PadLeft(widths[c]))).TrimEnd());
        return string.Join(Environment.NewLine, Caption is null ? lines : lines.Prepend(Caption));
    }
}
