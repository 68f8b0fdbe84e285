using System.Globalization;

namespace Autodiff;

/// <summary>Shape arithmetic: element counts, strides, NumPy broadcasting, and how shapes are written in messages.</summary>
internal static class Shapes
{
    public static readonly int[] Scalar = [];

    /// <summary>Writes a shape as Python does, so messages read like PyTorch's: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.ToArray()) + ")",
    };

    public static int SizeOf(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (int d in shape) size *= d;
        if (size > Array.MaxLength) throw new ArgumentException($"a tensor of shape {Format(shape)} has too many elements ({size})");
        return (int)size;
    }

    public static bool Equal(int[] a, int[] b) => ReferenceEquals(a, b) || a.AsSpan().SequenceEqual(b);

    /// <summary>Row-major strides: how far apart consecutive indices of each axis are in memory.</summary>
    public static int[] StridesOf(int[] shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    /// <summary>
    /// NumPy broadcasting: align shapes on the right; each pair of sizes must be equal or one of them 1.
    /// Returns null when the shapes are incompatible.
    /// </summary>
    public static int[]? TryBroadcast(int[] a, int[] b)
    {
        if (Equal(a, b)) return a;
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Length ? a[^i] : 1;
            int db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1) return null;
            result[^i] = da == 1 ? db : da;
        }
        return result;
    }

    public static int[] Broadcast(int[] a, int[] b, string what) =>
        TryBroadcast(a, b) ?? throw new ArgumentException($"{what}: cannot broadcast {Format(a)} with {Format(b)}");

    /// <summary>Whether <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool BroadcastsTo(int[] from, int[] to)
    {
        if (from.Length > to.Length) return false;
        for (int i = 1; i <= from.Length; i++)
            if (from[^i] != to[^i] && from[^i] != 1) return false;
        return true;
    }

    /// <summary>The shape of a reduction over <paramref name="axis"/>: that axis removed, or kept with size 1.</summary>
    public static int[] Reduced(int[] shape, int axis, bool keepDim)
    {
        if (keepDim)
        {
            var kept = (int[])shape.Clone();
            kept[axis] = 1;
            return kept;
        }
        var result = new int[shape.Length - 1];
        for (int d = 0, r = 0; d < shape.Length; d++)
            if (d != axis) result[r++] = shape[d];
        return result;
    }
}
