using System.Text.Json;

namespace Autodiff.Course;

/// <summary>A file that is not a Jupyter notebook: not JSON, or JSON without a list of cells.</summary>
public sealed class NotebookFormatException(string path, string problem)
    : Exception($"{System.IO.Path.GetFileName(path)} is not a Jupyter notebook: {problem}")
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// Checks the shape nbformat 4 requires of what the runner reads: a JSON object whose
    /// <c>cells</c> is a list of objects, each with a <c>cell_type</c> and a <c>source</c>.
    /// </summary>
    /// <exception cref="NotebookFormatException">It is not.</exception>
    public static void ThrowIfNotANotebook(string path, string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new NotebookFormatException(path, $"the JSON is {Article(root.ValueKind)}, not an object with \"cells\"");
            }
            if (!root.TryGetProperty("cells", out var cells))
            {
                throw new NotebookFormatException(path, "the JSON has no \"cells\"");
            }
            if (cells.ValueKind != JsonValueKind.Array)
            {
                throw new NotebookFormatException(path, $"\"cells\" is {Article(cells.ValueKind)}, not a list");
            }
            if (root.TryGetProperty("nbformat", out var version) && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var major) || major < 4))
            {
                throw new NotebookFormatException(path, $"nbformat {version} is not supported (4 is)");
            }

            var number = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                number++;
                if (cell.ValueKind != JsonValueKind.Object)
                {
                    throw new NotebookFormatException(path, $"cell {number} is {Article(cell.ValueKind)}, not an object");
                }
                if (!cell.TryGetProperty("cell_type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw new NotebookFormatException(path, $"cell {number} has no \"cell_type\"");
                }
                if (!cell.TryGetProperty("source", out var source) || source.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
                {
                    throw new NotebookFormatException(path, $"cell {number} has no \"source\" text");
                }
            }
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };
}
