namespace Autodiff.Plotting;

// How notebooks display an HtmlTable, without this library depending on a notebook kernel: .NET Interactive
// looks for an attribute *named* TypeFormatterSourceAttribute and calls CreateTypeFormatters(), MimeType and
// Format(object, TextWriter) by name. Without it a table would be shown as a dump of its properties.

[AttributeUsage(AttributeTargets.Class)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = ["text/html"];
}

internal sealed class HtmlTableFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new HtmlFormatter(), new PlainTextFormatter()];

    private sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write(((HtmlTable)instance).ToHtml());
            return true;
        }
    }

    private sealed class PlainTextFormatter
    {
        public string MimeType => "text/plain";

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write(instance.ToString());
            return true;
        }
    }
}
