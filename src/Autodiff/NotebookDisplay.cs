namespace Autodiff;

// How notebooks display the library's objects, without the library depending on any notebook kernel:
// .NET Interactive (VS Code Polyglot Notebooks, Jupyter's .NET kernel) looks for an attribute *named*
// TypeFormatterSourceAttribute on a type and calls, by name, CreateTypeFormatters(), then each formatter's
// MimeType and Format(object, TextWriter). Without it a tensor would be shown as a table of its properties.

/// <summary>Marks a type whose notebook display is its <see cref="object.ToString"/>, as plain text.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = ["text/plain"];
}

internal sealed class PlainTextFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new PlainTextFormatter()];
}

internal sealed class PlainTextFormatter
{
    public string MimeType => "text/plain";

    public bool Format(object instance, TextWriter writer)
    {
        writer.Write(instance.ToString());
        return true;
    }
}
