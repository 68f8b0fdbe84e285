namespace Autodiff.Engine;

/// <summary>
/// How two inputs line up with their broadcast output. The output is walked row by row (a row is the last
/// axis): <see cref="StartA"/>[r] is where input a's values for row r begin and <see cref="StepA"/> how far
/// apart they are along the row (0 when a is broadcast along it). Same for b.
/// </summary>
internal sealed class Broadcast
{
    public int[] Shape { get; }
    public int Rows { get; }
    public int RowLength { get; }
    public int StepA { get; }
    public int StepB { get; }
    public int[] StartA { get; }
    public int[] StartB { get; }

    public Broadcast(int[] shape, int[] a, int[] b)
    {
        Shape = shape;
        int rank = shape.Length;
        int[] stridesA = AlignedStrides(a, rank), stridesB = AlignedStrides(b, rank);
        RowLength = rank == 0 ? 1 : shape[^1];
        StepA = rank == 0 ? 0 : stridesA[^1];
        StepB = rank == 0 ? 0 : stridesB[^1];
        Rows = RowLength == 0 ? 0 : Shapes.SizeOf(shape) / RowLength;
        StartA = new int[Rows];
        StartB = new int[Rows];

        // An odometer over the leading axes: advance the last leading index, carry into the ones before it.
        var index = new int[Math.Max(rank - 1, 0)];
        int offsetA = 0, offsetB = 0;
        for (int row = 0; row < Rows; row++)
        {
            StartA[row] = offsetA;
            StartB[row] = offsetB;
            for (int d = index.Length - 1; d >= 0; d--)
            {
                index[d]++;
                offsetA += stridesA[d];
                offsetB += stridesB[d];
                if (index[d] < shape[d]) break;
                offsetA -= stridesA[d] * shape[d];
                offsetB -= stridesB[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>Strides of <paramref name="shape"/> seen as a tensor of rank <paramref name="rank"/>: 0 on every broadcast axis.</summary>
    private static int[] AlignedStrides(int[] shape, int rank)
    {
        var own = Shapes.StridesOf(shape);
        var aligned = new int[rank];
        for (int i = 1; i <= shape.Length; i++)
            aligned[^i] = shape[^i] == 1 ? 0 : own[^i];
        return aligned;
    }
}
