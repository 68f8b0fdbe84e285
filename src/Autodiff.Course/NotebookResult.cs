using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course;

/// <summary>What happened to one cell.</summary>
public enum CellStatus
{
    /// <summary>The cell ran to the end.</summary>
    Passed,

    /// <summary>The cell threw, or did not compile.</summary>
    Failed,

    /// <summary>The cell ran past its time limit.</summary>
    TimedOut,

    /// <summary>An earlier cell failed, so this one was not run.</summary>
    Skipped,
}

/// <summary>One executed code cell.</summary>
/// <param name="Number">1-based position among all cells of the notebook, markdown included (0 for the injected parameters cell).</param>
/// <param name="FirstLine">The first non-blank line of the cell's source.</param>
/// <param name="Error">The kernel's message for a failed or timed-out cell (compile errors carry (line,column)).</param>
public sealed record CellResult(int Number, string FirstLine, CellStatus Status, TimeSpan Elapsed, string? Error)
{
    /// <summary>True for the cell the runner inserts after the <c>parameters</c> cell.</summary>
    public bool IsInjectedParameters => Number == 0;
}

/// <summary>One executed notebook: the document with its outputs and what happened to each code cell.</summary>
public sealed class NotebookResult
{
    internal NotebookResult(string path, InteractiveDocument document, int cellCount)
    {
        Path = path;
        Document = document;
        CellCount = cellCount;
    }

    /// <summary>Full path of the source notebook.</summary>
    public string Path { get; }

    /// <summary>File name of the notebook, e.g. <c>01-derivatives.ipynb</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The notebook with the outputs produced by this run (and the injected parameters cell, if any).</summary>
    public InteractiveDocument Document { get; }

    /// <summary>Number of cells in the source notebook, markdown included.</summary>
    public int CellCount { get; }

    /// <summary>One entry per code cell, in order, injected parameters cell included.</summary>
    public List<CellResult> Cells { get; } = [];

    /// <summary>Wall time of the whole notebook, kernel start-up included.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>The first failed or timed-out cell, or null when every cell passed.</summary>
    public CellResult? FailedCell => Cells.FirstOrDefault(c => c.Status is CellStatus.Failed or CellStatus.TimedOut);

    /// <summary>Why the notebook could not be run at all (a file that is not a notebook), or null.</summary>
    public string? NotebookError { get; private init; }

    private string? _notebookErrorAt;

    /// <summary>True when the file was a notebook and every code cell passed.</summary>
    public bool Succeeded => FailedCell is null && NotebookError is null;

    /// <summary>
    /// The failure as a person needs it: notebook, cell number, the cell's first line, the error.
    /// Null when the notebook passed.
    /// </summary>
    public string? FailureMessage => NotebookError ?? (FailedCell is { } cell ? DescribeFailure(cell) : null);

    /// <summary>For a summary line: <c>passed</c>, <c>failed at cell 3</c>, <c>failed at parameters*</c>, <c>failed: not a notebook</c>.</summary>
    public string Status => NotebookError is not null ? $"failed: {_notebookErrorAt}"
        : FailedCell is { } cell ? (cell.IsInjectedParameters ? "failed at parameters*" : $"failed at cell {cell.Number}")
        : "passed";

    /// <summary>A notebook that could not be run at all (<paramref name="where"/>: "not a notebook"): no cells ran.</summary>
    internal static NotebookResult NotRunnable(string path, string error, string where) =>
        new(path, new InteractiveDocument(), 0) { NotebookError = error, _notebookErrorAt = where };

    private string DescribeFailure(CellResult cell)
    {
        var where = cell.IsInjectedParameters
            ? "the injected parameters cell"
            : $"cell {cell.Number} of {CellCount}";
        var what = cell.Status == CellStatus.TimedOut ? "timed out" : "failed";
        return $"{Name}: {where} {what} (first line: {cell.FirstLine}){Environment.NewLine}{cell.Error}";
    }
}
