using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autodiff.Course;

/// <summary>
/// Turns kernel events into the cell's outputs, in the shapes Jupyter knows: display data,
/// execute results, streams and errors. Updates of a displayed value (the NuGet install message)
/// replace the output they update.
/// </summary>
internal sealed class CellOutputs(InteractiveDocumentElement cell)
{
    private readonly Dictionary<string, DisplayElement> _displayedById = [];
    private readonly object _gate = new();

    public void Add(KernelEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case DisplayedValueUpdated updated when updated.ValueId is { } id && _displayedById.TryGetValue(id, out var existing):
                    var replacement = new DisplayElement(Data(updated.FormattedValues));
                    cell.Outputs[cell.Outputs.IndexOf(existing)] = replacement;
                    _displayedById[id] = replacement;
                    break;

                case ReturnValueProduced returned:
                    var result = new ReturnValueElement { ExecutionOrder = cell.ExecutionOrder };
                    foreach (var (mime, value) in Data(returned.FormattedValues))
                    {
                        result.Data[mime] = value;
                    }
                    cell.Outputs.Add(result);
                    break;

                case DisplayEvent displayed and (DisplayedValueProduced or DisplayedValueUpdated):
                    var element = new DisplayElement(Data(displayed.FormattedValues));
                    cell.Outputs.Add(element);
                    if (displayed.ValueId is { } valueId)
                    {
                        _displayedById[valueId] = element;
                    }
                    break;

                case StandardOutputValueProduced stdout:
                    AddStream("stdout", Text(stdout.FormattedValues));
                    break;

                case StandardErrorValueProduced stderr:
                    AddStream("stderr", Text(stderr.FormattedValues));
                    break;

                case ErrorProduced error:
                    cell.Outputs.Add(new ErrorElement(error.Message, "Error"));
                    break;
            }
        }
    }

    /// <summary>The cell's error, as the last output (the kernel's own CommandFailed is not copied: its compile errors count lines without the #r lines).</summary>
    public void AddError(string name, string message, string[]? stackTrace = null)
    {
        lock (_gate)
        {
            cell.Outputs.Add(new ErrorElement(message, name, stackTrace));
        }
    }

    private void AddStream(string name, string text)
    {
        if (cell.Outputs.Count > 0 && cell.Outputs[^1] is TextElement last && last.Name == name)
        {
            cell.Outputs[^1] = new TextElement(last.Text + text, name);
        }
        else
        {
            cell.Outputs.Add(new TextElement(text, name));
        }
    }

    private static Dictionary<string, object> Data(IEnumerable<FormattedValue> values) =>
        values.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.Last().Value);

    private static string Text(IEnumerable<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value
        ?? values.FirstOrDefault()?.Value
        ?? "";
}
