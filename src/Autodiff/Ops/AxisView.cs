namespace Autodiff.Ops;

/// <summary>
/// A tensor seen as [outer, length, inner] around one axis: element (o, k, i) is at (o·length + k)·inner + i.
/// Reductions over the axis then become three plain loops.
/// </summary>
internal readonly record struct AxisView(int Outer, int Length, int Inner)
{
    public static AxisView Of(int[] shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        return new AxisView(outer, shape[axis], inner);
    }

    public int Index(int o, int k, int i) => (o * Length + k) * Inner + i;

    public int ReducedIndex(int o, int i) => o * Inner + i;
}
