using System.Globalization;
using System.Text;

namespace Autodiff;

public sealed partial class Tensor
{
    private const int EdgeItems = 3;     // like NumPy: long dimensions show their first and last three entries
    private const int SummarizeAbove = 8;

    /// <summary>
    /// The values and what the graph knows about this tensor, e.g. <c>Tensor(-0.5, name: w, requiresGrad)</c> or
    /// <c>Tensor([[1, 2], [3, 4]], gradFn: Mul)</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder("Tensor(");
        AppendValues(text, 0, 0, indent: "Tensor(".Length);
        if (Rank > 1 || Size == 0) text.Append($", shape: {Shapes.Format(ShapeArray)}");
        if (Name is not null) text.Append($", name: {Name}");
        if (_gradFn is not null) text.Append($", gradFn: {_gradFn.Name}");
        else if (HasFlag(Flags.RequiresGrad)) text.Append(", requiresGrad");
        return text.Append(')').ToString();
    }

    internal static string FormatNumber(double value) => Graphs.ValueText.Number(value);

    private void AppendValues(StringBuilder text, int dim, int offset, int indent)
    {
        if (Rank == 0)
        {
            text.Append(FormatNumber(_scalar));
            return;
        }
        var values = Values;
        int length = ShapeArray[dim];
        int stride = 1;
        for (int d = dim + 1; d < Rank; d++) stride *= ShapeArray[d];
        text.Append('[');
        for (int i = 0; i < length; i++)
        {
            if (length > SummarizeAbove && i == EdgeItems)
            {
                text.Append(dim == Rank - 1 ? "..., " : "...," + Environment.NewLine + new string(' ', indent + dim + 1));
                i = length - EdgeItems;
            }
            if (dim == Rank - 1) text.Append(FormatNumber(values[offset + i]));
            else AppendValues(text, dim + 1, offset + i * stride, indent);
            if (i < length - 1)
                text.Append(dim == Rank - 1 ? ", " : "," + Environment.NewLine + new string(' ', indent + dim + 1));
        }
        text.Append(']');
    }
}
