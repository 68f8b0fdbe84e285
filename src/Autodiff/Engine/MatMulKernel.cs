using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autodiff.Engine;

/// <summary>
/// C += op(A)·op(B) for row-major matrices, where op(X) is X or Xᵀ: the loop nest behind <see cref="Ops.MatMul"/>'s
/// forward pass (A·B) and backward pass (G·Bᵀ and Aᵀ·G). C is m×n, op(A) is m×k, op(B) is k×n.
/// </summary>
/// <remarks>
/// <para>The textbook loop reads every element of A and B n and m times from memory, so it runs at the speed of
/// memory, not of the arithmetic units. The blocked scheme of GotoBLAS and BLIS fixes that: copy ("pack") a
/// KC×NR panel of B and an MR×KC panel of A into contiguous buffers small enough to stay in the L1 and L2 caches,
/// then let a micro-kernel compute an MR×NR tile of C in registers, reading each packed value once per tile.
/// Packing is also where a transposed operand is read in its transposed order, so the four variants share one
/// micro-kernel.</para>
/// <para>Large products (from 192³ multiply-adds) split their rows of C between the cores. Each element of C is
/// still summed by one thread in one fixed order, so results do not depend on the number of cores. The blocked
/// sums differ from the textbook order only by floating-point reassociation (the tests allow 1e-12 relative).</para>
/// <para>Matrix × vector, vector × matrix and machines without 512-bit vectors take the plain loops, which go
/// through TensorPrimitives.</para>
/// </remarks>
internal static class MatMulKernel
{
    // The register tile: MR rows × NR columns of C, held in MR × 2 vectors of 8 doubles = 16 of the 32
    // 512-bit registers, so each step over p does 16 fused multiply-adds for 2 loads of B and 8 of A.
    private const int MR = 8, NR = 16;

    // Block sizes: a KC×NR panel of packed B (32 KiB) stays in L1, an MC×KC block of packed A (256 KiB) in L2.
    private const int KC = 256, MC = 128, NC = 4096;

    /// <summary>Below this many multiply-adds (m·n·k) packing costs more than it saves.</summary>
    internal const long BlockedMinimumWork = 4 * 1024;

    /// <summary>
    /// From this many multiply-adds on, the rows of C are shared between the cores. Measured on 2 cores: a 128³
    /// product is slower on both (66 µs against 52 µs: waking a thread and sharing the packed panel cost more than
    /// half of the work), a 256³ one twice as fast (188 µs against 395 µs).
    /// </summary>
    internal const long ParallelMinimumWork = 192 * 192 * 192;

    /// <summary>C += op(A)·op(B), choosing the plain or the blocked loops by size.</summary>
    public static void MultiplyAdd(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n)
    {
        Debug.Assert(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        long work = (long)m * n * k;
        if (work == 0) return;
        // A vector operand would fill one row or column of an MR×NR tile: there the plain loops are faster.
        if (m == 1 || n == 1 || work < BlockedMinimumWork || !Vector512.IsHardwareAccelerated)
            MultiplyAddPlain(a, transposeA, b, transposeB, c, m, k, n);
        else
            MultiplyAddBlocked(a, transposeA, b, transposeB, c, m, k, n, parallel: work >= ParallelMinimumWork);
    }

    /// <summary>The textbook loops, row by row: row i of C gathers the rows of B weighted by row i of A.</summary>
    internal static void MultiplyAddPlain(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n)
    {
        // A transposed operand is copied into row-major order first; its layout is the same when it is a vector.
        if (transposeA && m > 1 && k > 1) a = Kernels.Transposed(a.AsSpan(0, k * m), k, m);
        if (transposeB && k > 1 && n > 1) b = Kernels.Transposed(b.AsSpan(0, n * k), n, k);
        if (n == 1)
        {
            // Matrix × vector: each output is the dot product of a row of A with b.
            for (int i = 0; i < m; i++) c[i] += TensorPrimitives.Dot(a.AsSpan(i * k, k), b.AsSpan(0, k));
            return;
        }
        for (int i = 0; i < m; i++)
        {
            var row = c.AsSpan(i * n, n);
            for (int p = 0; p < k; p++)
                TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), a[i * k + p], row, row);
        }
    }

    /// <summary>The blocked loops (GotoBLAS order: columns of C, depth, rows of C, then MR×NR tiles).</summary>
    internal static void MultiplyAddBlocked(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n, bool parallel)
    {
        if (m == 0 || n == 0 || k == 0) return;
        int workers = parallel ? Math.Min(Environment.ProcessorCount, (m + MR - 1) / MR) : 1;
        // Rows per block: at most MC, and few enough that every core gets a block of about the same size.
        int blockRows = Math.Min(MC, RoundUp((m + workers - 1) / workers, MR));
        int blocks = (m + blockRows - 1) / blockRows;
        double[] packedB = ArrayPool<double>.Shared.Rent(KC * RoundUp(Math.Min(NC, n), NR));
        try
        {
            for (int j0 = 0; j0 < n; j0 += NC)
            {
                int nc = Math.Min(NC, n - j0);
                for (int p0 = 0; p0 < k; p0 += KC)
                {
                    int kc = Math.Min(KC, k - p0);
                    PackB(b, transposeB, k, n, p0, kc, j0, nc, packedB);
                    var block = new RowBlock(a, transposeA, m, k, c, n, packedB, blockRows, p0, kc, j0, nc);
                    if (workers > 1 && blocks > 1) Parallel.For(0, blocks, block.Run);
                    else for (int i = 0; i < blocks; i++) block.Run(i);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    /// <summary>One block of rows of C for one packed panel of B: what a core does between two synchronisations.</summary>
    private sealed class RowBlock(double[] a, bool transposeA, int m, int k, double[] c, int n,
        double[] packedB, int blockRows, int p0, int kc, int j0, int nc)
    {
        public void Run(int block)
        {
            int i0 = block * blockRows, mc = Math.Min(blockRows, m - i0);
            double[] packedA = ArrayPool<double>.Shared.Rent(RoundUp(mc, MR) * kc);
            double[] tile = ArrayPool<double>.Shared.Rent(MR * NR);
            try
            {
                PackA(a, transposeA, m, k, i0, mc, p0, kc, packedA);
                for (int j = 0; j < nc; j += NR)
                    for (int i = 0; i < mc; i += MR)
                    {
                        Tile(packedA, i * kc, packedB, j * kc, kc, tile);
                        // Only the tile's valid part is added: at the bottom and right edges of C it is partly padding.
                        int rows = Math.Min(MR, mc - i), cols = Math.Min(NR, nc - j);
                        for (int r = 0; r < rows; r++)
                        {
                            var target = c.AsSpan((i0 + i + r) * n + j0 + j, cols);
                            TensorPrimitives.Add(target, tile.AsSpan(r * NR, cols), target);
                        }
                    }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(tile);
                ArrayPool<double>.Shared.Return(packedA);
            }
        }
    }

    /// <summary>
    /// Copies rows i0..i0+mc, depth p0..p0+kc of op(A) into panels of MR rows: panel q holds, for each p in turn,
    /// the MR values A[i0 + q·MR + r, p0 + p]; rows past the end are zero.
    /// </summary>
    private static void PackA(double[] a, bool transposeA, int m, int k, int i0, int mc, int p0, int kc, double[] packed)
    {
        for (int q = 0; q * MR < mc; q++)
        {
            int rows = Math.Min(MR, mc - q * MR);
            var panel = packed.AsSpan(q * MR * kc, MR * kc);
            if (rows < MR) panel.Clear();
            for (int r = 0; r < rows; r++)
            {
                int i = i0 + q * MR + r;
                for (int p = 0; p < kc; p++)
                    panel[p * MR + r] = transposeA ? a[(p0 + p) * m + i] : a[i * k + p0 + p];
            }
        }
    }

    /// <summary>
    /// Copies depth p0..p0+kc, columns j0..j0+nc of op(B) into panels of NR columns: panel q holds, for each p in
    /// turn, the NR values B[p0 + p, j0 + q·NR + j]; columns past the end are zero.
    /// </summary>
    private static void PackB(double[] b, bool transposeB, int k, int n, int p0, int kc, int j0, int nc, double[] packed)
    {
        for (int q = 0; q * NR < nc; q++)
        {
            int cols = Math.Min(NR, nc - q * NR), j = j0 + q * NR;
            var panel = packed.AsSpan(q * NR * kc, NR * kc);
            if (cols < NR) panel.Clear();
            for (int p = 0; p < kc; p++)
            {
                if (transposeB)
                    for (int jj = 0; jj < cols; jj++) panel[p * NR + jj] = b[(j + jj) * k + p0 + p];
                else
                    b.AsSpan((p0 + p) * n + j, cols).CopyTo(panel.Slice(p * NR, cols));
            }
        }
    }

    /// <summary>
    /// The micro-kernel: <paramref name="tile"/> (MR×NR, row-major) = Σₚ (column p of the packed A panel) ⊗ (row p
    /// of the packed B panel), for p &lt; <paramref name="kc"/>.
    /// </summary>
    private static void Tile(double[] packedA, int aStart, double[] packedB, int bStart, int kc, double[] tile)
    {
        // The panels were sized by PackA and PackB to hold kc·MR and kc·NR values from these offsets. Reading
        // them through refs skips ten bounds checks per step of the loop, which would be a quarter of its work.
        Debug.Assert(aStart + kc * MR <= packedA.Length && bStart + kc * NR <= packedB.Length && tile.Length >= MR * NR);
        ref double pa = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedA), aStart);
        ref double pb = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedB), bStart);

        // cRL = row R of the tile, left (L) or right (R) 8 columns. They stay in registers through the loop as
        // long as nothing takes their address: hence the stores below go through StoreUnsafe, and no call follows.
        Vector512<double> c0L = default, c0R = default, c1L = default, c1R = default,
                          c2L = default, c2R = default, c3L = default, c3R = default,
                          c4L = default, c4R = default, c5L = default, c5R = default,
                          c6L = default, c6R = default, c7L = default, c7R = default;
        for (int p = 0; p < kc; p++)
        {
            var bL = Vector512.LoadUnsafe(ref pb);
            var bR = Vector512.LoadUnsafe(ref pb, 8);
            Vector512<double> ar;
            ar = Vector512.Create(pa); c0L = Vector512.FusedMultiplyAdd(ar, bL, c0L); c0R = Vector512.FusedMultiplyAdd(ar, bR, c0R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 1)); c1L = Vector512.FusedMultiplyAdd(ar, bL, c1L); c1R = Vector512.FusedMultiplyAdd(ar, bR, c1R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 2)); c2L = Vector512.FusedMultiplyAdd(ar, bL, c2L); c2R = Vector512.FusedMultiplyAdd(ar, bR, c2R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 3)); c3L = Vector512.FusedMultiplyAdd(ar, bL, c3L); c3R = Vector512.FusedMultiplyAdd(ar, bR, c3R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 4)); c4L = Vector512.FusedMultiplyAdd(ar, bL, c4L); c4R = Vector512.FusedMultiplyAdd(ar, bR, c4R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 5)); c5L = Vector512.FusedMultiplyAdd(ar, bL, c5L); c5R = Vector512.FusedMultiplyAdd(ar, bR, c5R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 6)); c6L = Vector512.FusedMultiplyAdd(ar, bL, c6L); c6R = Vector512.FusedMultiplyAdd(ar, bR, c6R);
            ar = Vector512.Create(Unsafe.Add(ref pa, 7)); c7L = Vector512.FusedMultiplyAdd(ar, bL, c7L); c7R = Vector512.FusedMultiplyAdd(ar, bR, c7R);
            pa = ref Unsafe.Add(ref pa, MR);
            pb = ref Unsafe.Add(ref pb, NR);
        }

        ref double t = ref MemoryMarshal.GetArrayDataReference(tile);
        c0L.StoreUnsafe(ref t, 0); c0R.StoreUnsafe(ref t, 8);
        c1L.StoreUnsafe(ref t, 16); c1R.StoreUnsafe(ref t, 24);
        c2L.StoreUnsafe(ref t, 32); c2R.StoreUnsafe(ref t, 40);
        c3L.StoreUnsafe(ref t, 48); c3R.StoreUnsafe(ref t, 56);
        c4L.StoreUnsafe(ref t, 64); c4R.StoreUnsafe(ref t, 72);
        c5L.StoreUnsafe(ref t, 80); c5R.StoreUnsafe(ref t, 88);
        c6L.StoreUnsafe(ref t, 96); c6R.StoreUnsafe(ref t, 104);
        c7L.StoreUnsafe(ref t, 112); c7R.StoreUnsafe(ref t, 120);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
