using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Newtonsoft.Json;
using Plotly.NET;

namespace Autodiff.Plotting;

/// <summary>
/// A chart's <c>data</c>, <c>layout</c> and <c>config</c> as the JSON that <c>Plotly.newPlot</c> takes, written by
/// walking Plotly.NET's object model directly.
/// </summary>
/// <remarks>
/// <para>
/// Plotly.NET serializes with Newtonsoft.Json: every trace, layout and config is a <c>DynamicObj</c>, which
/// Newtonsoft reads as a dynamic object (a DLR call site per property), and every value goes through a contract
/// and converter lookup. In .NET that is quick; in the browser app, where everything runs in WebAssembly's
/// interpreter, it was the largest part of Run all (seconds per chart). This writer does the same walk with type
/// tests and a <see cref="StringBuilder"/>: no reflection per value, no dynamic binding.
/// </para>
/// <para>
/// The output means the same as Newtonsoft's (the tests compare the parsed trees for every chart the library
/// makes): a <c>DynamicObj</c> is an object of its public instance properties and then its dynamic properties, in
/// Plotly.NET's order; sequences are arrays; doubles are written as Newtonsoft writes them (round-trip digits,
/// <c>1.0</c> for a whole number, NaN and ±Infinity as the strings <c>"NaN"</c>, <c>"Infinity"</c>, which plotly.js
/// skips as it skips any value that is not a number);
/// <see cref="Color"/> and <see cref="ARGB"/> as Plotly.NET's converters write them. A value of any other type
/// is handed to Newtonsoft with Plotly.NET's settings, so output is never wrong, only slower for that value.
/// </para>
/// <para>
/// Plotly.NET puts the same template object into every chart's layout. It is written again for every chart, not
/// cached by reference: a <c>DynamicObj</c> can be changed after it was written, and a cache could not tell. In
/// the browser a whole chart after a page's first, template included, took 14–300 ms to display (docs/web.md),
/// so the template is not worth that risk.
/// </para>
/// </remarks>
public static class PlotlyJson
{
    /// <summary>The traces, as a JSON array.</summary>
    /// <param name="chart">The chart.</param>
    public static string Data(GenericChart chart) => Json(GenericChart.getTraces(chart));

    /// <summary>The layout, as a JSON object.</summary>
    /// <param name="chart">The chart.</param>
    public static string Layout(GenericChart chart) => Json(GenericChart.getLayout(chart));

    /// <summary>The config, as a JSON object.</summary>
    /// <param name="chart">The chart.</param>
    public static string Config(GenericChart chart) => Json(GenericChart.getConfig(chart));

    /// <summary>Any value of Plotly.NET's object model (a trace, a layout object, an array of numbers…) as JSON.</summary>
    /// <param name="value">The value.</param>
    public static string Json(object? value)
    {
        var json = new StringBuilder();
        Write(json, value);
        return json.ToString();
    }

    /// <summary>Appends <paramref name="value"/> as JSON.</summary>
    /// <param name="json">Where to write.</param>
    /// <param name="value">The value.</param>
    public static void Write(StringBuilder json, object? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        // The common cases first: most values in a chart are numbers, strings and arrays of them.
        switch (value)
        {
            case null:
                json.Append("null");
                return;
            case string text:
                WriteString(json, text);
                return;
            case double number:
                WriteDouble(json, number);
                return;
            case double[] numbers:
                WriteDoubles(json, numbers);
                return;
            case int integer:
                json.Append(integer.ToString(CultureInfo.InvariantCulture));
                return;
            case bool flag:
                json.Append(flag ? "true" : "false");
                return;
            case DynamicObj.DynamicObj obj:
                WriteObject(json, obj);
                return;
            case Color color:
                // Plotly.NET's ColorConverter writes the colour's value: a string, an ARGB, numbers or a sequence of them.
                Write(json, color.Value);
                return;
            case ARGB argb:
                WriteString(json, Rgba(argb));
                return;
            case float single:
                WriteNumber(json, single.ToString("R", CultureInfo.InvariantCulture), float.IsFinite(single));
                return;
            case long integer:
                json.Append(integer.ToString(CultureInfo.InvariantCulture));
                return;
        }
        if (value is IEnumerable sequence && IsArray(value.GetType()))
        {
            WriteArray(json, sequence);
            return;
        }
        // Anything else (a dictionary, an F# union, a date…): Newtonsoft with Plotly.NET's settings, for this value only.
        json.Append(JsonConvert.SerializeObject(value, Globals.JSON_CONFIG));
    }

    private static void WriteObject(StringBuilder json, DynamicObj.DynamicObj obj)
    {
        // DynamicObj's GetProperties(true), which Newtonsoft reads: the type's public instance properties (e.g.
        // Trace.type), then the dynamic ones in the order they were set.
        json.Append('{');
        var first = true;
        foreach (var property in InstanceProperties(obj.GetType()))
        {
            WriteName(json, property.Name, ref first);
            Write(json, property.GetValue(obj));
        }
        foreach (var (name, value) in obj.Properties)
        {
            WriteName(json, name, ref first);
            Write(json, value);
        }
        json.Append('}');
    }

    private static void WriteName(StringBuilder json, string name, ref bool first)
    {
        if (!first) json.Append(',');
        first = false;
        WriteString(json, name);
        json.Append(':');
    }

    private static void WriteArray(StringBuilder json, IEnumerable sequence)
    {
        json.Append('[');
        var first = true;
        foreach (var item in sequence)
        {
            if (!first) json.Append(',');
            first = false;
            Write(json, item);
        }
        json.Append(']');
    }

    private static void WriteDoubles(StringBuilder json, double[] numbers)
    {
        json.Append('[');
        for (var i = 0; i < numbers.Length; i++)
        {
            if (i > 0) json.Append(',');
            WriteDouble(json, numbers[i]);
        }
        json.Append(']');
    }

    /// <summary>As Newtonsoft: the round-trip digits, with <c>.0</c> added to a whole number; NaN and ±Infinity as strings.</summary>
    private static void WriteDouble(StringBuilder json, double number) =>
        WriteNumber(json, number.ToString("R", CultureInfo.InvariantCulture), double.IsFinite(number));

    private static void WriteNumber(StringBuilder json, string digits, bool finite)
    {
        if (!finite)
        {
            // Newtonsoft's default FloatFormatHandling.String: "NaN", "Infinity", "-Infinity", which plotly.js
            // treats as missing values, as it does for every chart Plotly.NET draws.
            json.Append('"').Append(digits).Append('"');
            return;
        }
        json.Append(digits);
        if (digits.AsSpan().IndexOfAny('.', 'E', 'e') < 0) json.Append(".0");
    }

    /// <summary>
    /// A JSON string, escaped as Newtonsoft does by default (quote, backslash, control characters, U+0085, U+2028,
    /// U+2029), and <c>&lt;/</c> as <c>&lt;\/</c> so that a title containing <c>&lt;/script&gt;</c> cannot end the
    /// chart's script element early.
    /// </summary>
    private static void WriteString(StringBuilder json, string text)
    {
        json.Append('"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '/' when i > 0 && text[i - 1] == '<' => "\\/",
                < ' ' or '\u0085' or '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => null,
            };
            if (escape is null) continue;
            json.Append(text, start, i - start).Append(escape);
            start = i + 1;
        }
        json.Append(text, start, text.Length - start).Append('"');
    }

    /// <summary>As Plotly.NET's ARGBConverter: <c>rgba(r, g, b, a)</c> with alpha from 0 to 1 to one decimal.</summary>
    private static string Rgba(ARGB argb) =>
        string.Create(CultureInfo.InvariantCulture, $"rgba({argb.R}, {argb.G}, {argb.B}, {argb.A / 255.0:F1})");

    // Per-type facts found by reflection once, not per value: a chart has hundreds of values but a dozen types.
    // A lock, because a notebook kernel may format charts on more than one thread.
    private static readonly Dictionary<Type, PropertyInfo[]> PropertiesByType = [];
    private static readonly Dictionary<Type, bool> ArrayByType = [];

    /// <summary>
    /// The public instance properties that DynamicObj reports besides its dynamic ones (those of the type and its
    /// interfaces, less its own <c>Properties</c> dictionary): <c>type</c> on a trace, none on most objects.
    /// </summary>
    private static PropertyInfo[] InstanceProperties(Type type)
    {
        lock (PropertiesByType)
        {
            if (!PropertiesByType.TryGetValue(type, out var properties))
            {
                properties = [.. type.GetProperties().Concat(type.GetInterfaces().SelectMany(i => i.GetProperties()))
                    .Where(p => !p.Name.Equals("properties", StringComparison.OrdinalIgnoreCase) && p.GetIndexParameters().Length == 0)];
                PropertiesByType[type] = properties;
            }
            return properties;
        }
    }

    /// <summary>
    /// Whether Newtonsoft writes a sequence of this type as a JSON array: not a dictionary, a JSON token, or a type
    /// with its own converter or contract attribute (those go to Newtonsoft).
    /// </summary>
    private static bool IsArray(Type type)
    {
        lock (ArrayByType)
        {
            if (!ArrayByType.TryGetValue(type, out var isArray))
            {
                isArray = !typeof(IDictionary).IsAssignableFrom(type)
                    && !typeof(Newtonsoft.Json.Linq.JToken).IsAssignableFrom(type)
                    && !type.IsDefined(typeof(JsonConverterAttribute), inherit: true)
                    && !type.IsDefined(typeof(JsonContainerAttribute), inherit: true)
                    && !type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
                ArrayByType[type] = isArray;
            }
            return isArray;
        }
    }
}
