using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autodiff.Course;

/// <summary>How much output one cell may keep; the rest is replaced by a note saying how much was cut.</summary>
/// <param name="MaxLines">Lines of stdout and stderr together, per cell.</param>
/// <param name="MaxTextBytes">Characters of stdout and stderr together, per cell (a guard for very long lines).</param>
/// <param name="MaxRichBytes">
/// Characters of displayed and returned values (HTML, charts, text) together, per cell. The offline
/// chart setup alone writes about 3.6 MB, so this one is generous.
/// </param>
public sealed record OutputLimits(int MaxLines = 2_000, int MaxTextBytes = 256 * 1024, int MaxRichBytes = 16 * 1024 * 1024);

/// <summary>
/// Turns kernel events into the cell's outputs, in the shapes Jupyter knows: display data,
/// execute results, streams and errors. Updates of a displayed value (the NuGet install message)
/// replace the output they update. Compiler diagnostics become a stderr stream, as the stock
/// kernel's Jupyter front end writes them.
/// </summary>
/// <remarks>
/// Stream text is gathered in a <see cref="StringBuilder"/> and written into the cell by
/// <see cref="Flush"/>, so printing n lines costs O(n), not O(n²). Past the limits the text is
/// counted, not kept, and a "… N more lines" note ends the stream.
/// </remarks>
internal sealed class CellOutputs(InteractiveDocumentElement cell, OutputLimits limits)
{
    private readonly Dictionary<string, DisplayElement> _displayedById = [];
    private readonly object _gate = new();

    // The stream being written: the last output of the cell while it is open.
    private StringBuilder? _stream;
    private string _streamName = "";
    private int _streamIndex = -1;

    // The stream that reached a limit: its index, name and kept text; later stream text is only counted.
    private int _cutIndex = -1;
    private string _cutName = "";
    private string _cutKept = "";

    private int _lines;               // stream lines kept so far (all streams of the cell)
    private int _textBytes;           // stream characters kept so far
    private long _cutLines;           // lines not kept
    private long _cutBytes;           // characters not kept
    private bool _endsInNewline = true;
    private long _richBytes;
    private long _cutRich;

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
                    CloseStream();
                    var result = new ReturnValueElement { ExecutionOrder = cell.ExecutionOrder };
                    foreach (var (mime, value) in Data(returned.FormattedValues))
                    {
                        result.Data[mime] = value;
                    }
                    cell.Outputs.Add(result);
                    break;

                case DisplayEvent displayed and (DisplayedValueProduced or DisplayedValueUpdated):
                    CloseStream();
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

                case DiagnosticsProduced { FormattedDiagnostics.Count: > 0 } diagnostics:
                    // As dotnet-interactive's Jupyter front end does: the diagnostics, spaced out, on stderr.
                    AddStream("stderr", Environment.NewLine
                        + string.Join(Environment.NewLine + Environment.NewLine, diagnostics.FormattedDiagnostics.Select(v => v.Value))
                        + Environment.NewLine + Environment.NewLine);
                    break;

                case ErrorProduced error:
                    CloseStream();
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
            CloseStream();
            cell.Outputs.Add(new ErrorElement(message, name, stackTrace));
        }
    }

    /// <summary>Writes the open stream's text (and the note on what was cut) into the cell. Safe to call more than once.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_stream is not null)
            {
                cell.Outputs[_streamIndex] = new TextElement(_stream.ToString(), _streamName);
            }
            if (_cutIndex >= 0)
            {
                var separator = _cutKept.Length == 0 || _cutKept.EndsWith('\n') ? "" : "\n";
                cell.Outputs[_cutIndex] = new TextElement(_cutKept + separator + CutNote(), _cutName);
            }
        }
    }

    private bool IsCut => _cutIndex >= 0;

    private string CutNote()
    {
        var lines = _cutLines switch { 0 => "the rest of the line", 1 => "1 more line", _ => $"{_cutLines:N0} more lines" };
        return $"… {lines} not shown ({Size(_cutBytes)}): a cell keeps at most {limits.MaxLines:N0} lines and {Size(limits.MaxTextBytes)} of output\n";
    }

    private static string Size(long characters) => characters switch
    {
        < 1024 => $"{characters} characters",
        < 1024 * 1024 => $"{characters / 1024.0:0.#} KB",
        _ => $"{characters / (1024.0 * 1024):0.#} MB",
    };

    private void CloseStream()
    {
        if (_stream is not null)
        {
            cell.Outputs[_streamIndex] = new TextElement(_stream.ToString(), _streamName);
        }
        _stream = null;
        _streamIndex = -1;
    }

    private void AddStream(string name, string text)
    {
        if (IsCut)
        {
            // Everything after the cut is counted in the note of the stream that was cut.
            Count(text);
            return;
        }

        if (_stream is null || _streamName != name || _streamIndex != cell.Outputs.Count - 1)
        {
            CloseStream();
            _stream = new StringBuilder();
            _streamName = name;
            cell.Outputs.Add(new TextElement("", name));
            _streamIndex = cell.Outputs.Count - 1;
        }

        // Keep whole lines while both limits allow, then count the rest.
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            var length = end - start;
            if ((_endsInNewline && _lines >= limits.MaxLines) || _textBytes + length > limits.MaxTextBytes)
            {
                _cutIndex = _streamIndex;
                _cutName = _streamName;
                _cutKept = _stream.ToString();
                _stream = null;
                _streamIndex = -1;
                Count(text.AsSpan(start));
                return;
            }
            _stream.Append(text, start, length);
            _textBytes += length;
            if (_endsInNewline)
            {
                _lines++;
            }
            _endsInNewline = newline >= 0;
            start = end;
        }
    }

    private void Count(ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return;
        }
        _cutBytes += text.Length;
        // A line is counted where it starts, so "line" then "\n" in two writes is one line.
        _cutLines += (_endsInNewline ? 1 : 0) + text[..^1].Count('\n');
        _endsInNewline = text[^1] == '\n';
    }

    private Dictionary<string, object> Data(IEnumerable<FormattedValue> values)
    {
        var data = values.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.Last().Value);
        var size = data.Values.Sum(v => (long)((string)v).Length);
        if (_richBytes + size <= limits.MaxRichBytes)
        {
            _richBytes += size;
            return data;
        }
        _cutRich += size;
        return new Dictionary<string, object>
        {
            [PlainTextFormatter.MimeType] = $"… an output of {Size(size)} not shown: a cell keeps at most {Size(limits.MaxRichBytes)} of displayed values ({Size(_cutRich)} cut so far)",
        };
    }

    private static string Text(IEnumerable<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value
        ?? values.FirstOrDefault()?.Value
        ?? "";
}
