using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autodiff.Engine;

/// <summary>Which micro-kernel a blocked matrix product runs: the widest vectors the processor computes with.</summary>
internal enum MatMulPath
{
    /// <summary>No blocked kernel: the plain loops.</summary>
    Plain,
    /// <summary>2 doubles per vector: SSE on x64, NEON on ARM (Apple Silicon).</summary>
    Vector128,
    /// <summary>4 doubles per vector: AVX2 and FMA, most x64 laptops.</summary>
    Vector256,
    /// <summary>8 doubles per vector: AVX-512.</summary>
    Vector512,
}

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
/// <para>There is one micro-kernel per vector width (<see cref="MatMulPath"/>), chosen once at start-up from what
/// the processor accelerates: 512 bits (AVX-512), 256 (AVX2) or 128 (SSE, and NEON on ARM). Each holds its tile
/// of C in as many registers as the width's instruction set has to spare.</para>
/// <para>Large products (from 192³ multiply-adds) split their rows of C between the cores. Each element of C is
/// still summed by one thread in one fixed order, so results do not depend on the number of cores. The blocked
/// sums differ from the textbook order only by floating-point reassociation (the tests allow 1e-12 relative).</para>
/// <para>A learner's notebook calls a matrix product a few times, in a fresh process: the hot methods here are
/// marked <see cref="MethodImplOptions.AggressiveOptimization"/>, so their first call already runs optimised code
/// instead of the JIT's quick first-tier code (see bench/README.md, "Fresh process").</para>
/// <para>Matrix × vector and vector × matrix take the plain loops, which go through TensorPrimitives.</para>
/// </remarks>
internal static class MatMulKernel
{
    // Block sizes: a KC×NR panel of packed B stays in L1, an MC×KC block of packed A in L2.
    private const int KC = 256, MC = 128, NC = 4096;

    /// <summary>Below this many multiply-adds (m·n·k) packing costs more than it saves.</summary>
    internal const long BlockedMinimumWork = 4 * 1024;

    /// <summary>
    /// From this many multiply-adds on, the rows of C are shared between the cores. Measured on 2 cores: a 128³
    /// product is slower on both (66 µs against 52 µs: waking a thread and sharing the packed panel cost more than
    /// half of the work), a 256³ one twice as fast (188 µs against 395 µs).
    /// </summary>
    internal const long ParallelMinimumWork = 192 * 192 * 192;

    /// <summary>The widest micro-kernel this processor accelerates.</summary>
    internal static MatMulPath BestPath { get; } =
        Vector512.IsHardwareAccelerated ? MatMulPath.Vector512
        : Vector256.IsHardwareAccelerated ? MatMulPath.Vector256
        : Vector128.IsHardwareAccelerated ? MatMulPath.Vector128
        : MatMulPath.Plain;

    /// <summary>
    /// The micro-kernel <see cref="MultiplyAdd"/> uses: <see cref="BestPath"/> unless a benchmark sets another, to
    /// measure what a machine with narrower vectors gets through the same public API.
    /// </summary>
    internal static MatMulPath Path { get; set; } = BestPath;

    /// <summary>C += op(A)·op(B), choosing the plain or the blocked loops by size.</summary>
    public static void MultiplyAdd(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n)
    {
        Debug.Assert(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        long work = (long)m * n * k;
        if (work == 0) return;
        // A vector operand would fill one row or column of an MR×NR tile: there the plain loops are faster.
        if (m == 1 || n == 1 || work < BlockedMinimumWork || Path == MatMulPath.Plain)
            MultiplyAddPlain(a, transposeA, b, transposeB, c, m, k, n);
        else
            MultiplyAddBlocked(a, transposeA, b, transposeB, c, m, k, n, parallel: work >= ParallelMinimumWork, Path);
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

    /// <summary>The blocked loops with the current micro-kernel (<see cref="Path"/>).</summary>
    internal static void MultiplyAddBlocked(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n, bool parallel) =>
        MultiplyAddBlocked(a, transposeA, b, transposeB, c, m, k, n, parallel, Path);

    /// <summary>
    /// The blocked loops with a chosen micro-kernel: tests and benchmarks run every path on one machine (a path
    /// the processor lacks still computes the right numbers, slowly, through the software fallback of its vectors).
    /// </summary>
    internal static void MultiplyAddBlocked(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n, bool parallel, MatMulPath path)
    {
        switch (path)
        {
            case MatMulPath.Vector512: Blocked<Tile8x16>(a, transposeA, b, transposeB, c, m, k, n, parallel); break;
            case MatMulPath.Vector256: Blocked<Tile6x8>(a, transposeA, b, transposeB, c, m, k, n, parallel); break;
            case MatMulPath.Vector128: Blocked<Tile6x4>(a, transposeA, b, transposeB, c, m, k, n, parallel); break;
            default: MultiplyAddPlain(a, transposeA, b, transposeB, c, m, k, n); break;
        }
    }

    /// <summary>The blocked loops (GotoBLAS order: columns of C, depth, rows of C, then MR×NR tiles).</summary>
    private static void Blocked<TTile>(double[] a, bool transposeA, double[] b, bool transposeB, double[] c, int m, int k, int n, bool parallel)
        where TTile : struct, ITile
    {
        if (m == 0 || n == 0 || k == 0) return;
        int mr = TTile.MR, nr = TTile.NR;
        int workers = parallel ? Math.Min(Environment.ProcessorCount, (m + mr - 1) / mr) : 1;
        // Rows per block: at most MC, and few enough that every core gets a block of about the same size.
        int blockRows = Math.Min(MC / mr * mr, RoundUp((m + workers - 1) / workers, mr));
        int blocks = (m + blockRows - 1) / blockRows;
        double[] packedB = ArrayPool<double>.Shared.Rent(KC * RoundUp(Math.Min(NC, n), nr));
        try
        {
            for (int j0 = 0; j0 < n; j0 += NC)
            {
                int nc = Math.Min(NC, n - j0);
                for (int p0 = 0; p0 < k; p0 += KC)
                {
                    int kc = Math.Min(KC, k - p0);
                    PackB(b, transposeB, k, n, p0, kc, j0, nc, nr, packedB);
                    var block = new RowBlock<TTile>(a, transposeA, m, k, c, n, packedB, blockRows, p0, kc, j0, nc);
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
    private sealed class RowBlock<TTile>(double[] a, bool transposeA, int m, int k, double[] c, int n,
        double[] packedB, int blockRows, int p0, int kc, int j0, int nc) where TTile : struct, ITile
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int block)
        {
            int mr = TTile.MR, nr = TTile.NR;
            int i0 = block * blockRows, mc = Math.Min(blockRows, m - i0);
            double[] packedA = ArrayPool<double>.Shared.Rent(RoundUp(mc, mr) * kc);
            // An edge tile of C, copied out and back, so that the micro-kernel always works on a whole tile.
            Span<double> edge = stackalloc double[mr * nr];
            try
            {
                PackA(a, transposeA, m, k, i0, mc, p0, kc, mr, packedA);
                ref double pa = ref MemoryMarshal.GetArrayDataReference(packedA);
                ref double pb = ref MemoryMarshal.GetArrayDataReference(packedB);
                ref double pc = ref MemoryMarshal.GetArrayDataReference(c);
                for (int j = 0; j < nc; j += nr)
                    for (int i = 0; i < mc; i += mr)
                    {
                        ref double panelA = ref Unsafe.Add(ref pa, i * kc);
                        ref double panelB = ref Unsafe.Add(ref pb, j * kc);
                        int rows = Math.Min(mr, mc - i), cols = Math.Min(nr, nc - j);
                        int corner = (i0 + i) * n + j0 + j;
                        Debug.Assert(corner + (rows - 1) * n + cols <= c.Length);
                        if (rows == mr && cols == nr)
                        {
                            TTile.MultiplyAdd(ref panelA, ref panelB, kc, ref Unsafe.Add(ref pc, corner), n);
                            continue;
                        }
                        // At the bottom and right edges of C the tile is partly padding: only its valid part is kept.
                        edge.Clear();
                        for (int r = 0; r < rows; r++) c.AsSpan(corner + r * n, cols).CopyTo(edge.Slice(r * nr));
                        TTile.MultiplyAdd(ref panelA, ref panelB, kc, ref MemoryMarshal.GetReference(edge), nr);
                        for (int r = 0; r < rows; r++) edge.Slice(r * nr, cols).CopyTo(c.AsSpan(corner + r * n));
                    }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(packedA);
            }
        }
    }

    /// <summary>
    /// Copies rows i0..i0+mc, depth p0..p0+kc of op(A) into panels of MR rows: panel q holds, for each p in turn,
    /// the MR values A[i0 + q·MR + r, p0 + p]; rows past the end are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(double[] a, bool transposeA, int m, int k, int i0, int mc, int p0, int kc, int mr, double[] packed)
    {
        for (int q = 0; q * mr < mc; q++)
        {
            int rows = Math.Min(mr, mc - q * mr), first = i0 + q * mr;
            var panel = packed.AsSpan(q * mr * kc, mr * kc);
            if (rows < mr) panel.Clear();
            // Each source is read along its rows, where its values lie next to each other.
            if (transposeA)
                for (int p = 0; p < kc; p++)
                    a.AsSpan((p0 + p) * m + first, rows).CopyTo(panel.Slice(p * mr, rows));
            else
                for (int r = 0; r < rows; r++)
                {
                    var row = a.AsSpan((first + r) * k + p0, kc);
                    for (int p = 0; p < kc; p++) panel[p * mr + r] = row[p];
                }
        }
    }

    /// <summary>
    /// Copies depth p0..p0+kc, columns j0..j0+nc of op(B) into panels of NR columns: panel q holds, for each p in
    /// turn, the NR values B[p0 + p, j0 + q·NR + j]; columns past the end are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(double[] b, bool transposeB, int k, int n, int p0, int kc, int j0, int nc, int nr, double[] packed)
    {
        for (int q = 0; q * nr < nc; q++)
        {
            int cols = Math.Min(nr, nc - q * nr), j = j0 + q * nr;
            var panel = packed.AsSpan(q * nr * kc, nr * kc);
            if (cols < nr) panel.Clear();
            if (transposeB)
                for (int jj = 0; jj < cols; jj++)
                {
                    var column = b.AsSpan((j + jj) * k + p0, kc);
                    for (int p = 0; p < kc; p++) panel[p * nr + jj] = column[p];
                }
            else
                for (int p = 0; p < kc; p++)
                    b.AsSpan((p0 + p) * n + j, cols).CopyTo(panel.Slice(p * nr, cols));
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>
    /// A micro-kernel: the MR×NR tile of C at <c>c</c> (rows <c>ldc</c> apart) += Σₚ (column p of the packed A
    /// panel) ⊗ (row p of the packed B panel), for p &lt; kc. The panels hold kc·MR and kc·NR values, as PackA and
    /// PackB laid them out; the refs skip a bounds check per value, which would be a quarter of the loop's work.
    /// </summary>
    private interface ITile
    {
        static abstract int MR { get; }
        static abstract int NR { get; }
        static abstract void MultiplyAdd(ref double pa, ref double pb, int kc, ref double c, int ldc);
    }

    // In each kernel, cRL is row R of the tile, left (L), middle (M) or right (R) vector. They stay in registers
    // through the loop as long as nothing takes their address: hence loads and stores go through Load/StoreUnsafe.

    /// <summary>AVX-512: 8 rows × 16 columns = 16 of the 32 512-bit registers; per step 16 FMAs for 2 loads of B and 8 of A.</summary>
    private readonly struct Tile8x16 : ITile
    {
        public static int MR => 8;
        public static int NR => 16;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void MultiplyAdd(ref double pa, ref double pb, int kc, ref double c, int ldc)
        {
            ref double r0 = ref c, r1 = ref Unsafe.Add(ref c, ldc), r2 = ref Unsafe.Add(ref c, 2 * ldc), r3 = ref Unsafe.Add(ref c, 3 * ldc),
                       r4 = ref Unsafe.Add(ref c, 4 * ldc), r5 = ref Unsafe.Add(ref c, 5 * ldc), r6 = ref Unsafe.Add(ref c, 6 * ldc), r7 = ref Unsafe.Add(ref c, 7 * ldc);
            Vector512<double> c0L = Vector512.LoadUnsafe(ref r0), c0R = Vector512.LoadUnsafe(ref r0, 8),
                              c1L = Vector512.LoadUnsafe(ref r1), c1R = Vector512.LoadUnsafe(ref r1, 8),
                              c2L = Vector512.LoadUnsafe(ref r2), c2R = Vector512.LoadUnsafe(ref r2, 8),
                              c3L = Vector512.LoadUnsafe(ref r3), c3R = Vector512.LoadUnsafe(ref r3, 8),
                              c4L = Vector512.LoadUnsafe(ref r4), c4R = Vector512.LoadUnsafe(ref r4, 8),
                              c5L = Vector512.LoadUnsafe(ref r5), c5R = Vector512.LoadUnsafe(ref r5, 8),
                              c6L = Vector512.LoadUnsafe(ref r6), c6R = Vector512.LoadUnsafe(ref r6, 8),
                              c7L = Vector512.LoadUnsafe(ref r7), c7R = Vector512.LoadUnsafe(ref r7, 8);
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
                pa = ref Unsafe.Add(ref pa, 8);
                pb = ref Unsafe.Add(ref pb, 16);
            }
            c0L.StoreUnsafe(ref r0); c0R.StoreUnsafe(ref r0, 8);
            c1L.StoreUnsafe(ref r1); c1R.StoreUnsafe(ref r1, 8);
            c2L.StoreUnsafe(ref r2); c2R.StoreUnsafe(ref r2, 8);
            c3L.StoreUnsafe(ref r3); c3R.StoreUnsafe(ref r3, 8);
            c4L.StoreUnsafe(ref r4); c4R.StoreUnsafe(ref r4, 8);
            c5L.StoreUnsafe(ref r5); c5R.StoreUnsafe(ref r5, 8);
            c6L.StoreUnsafe(ref r6); c6R.StoreUnsafe(ref r6, 8);
            c7L.StoreUnsafe(ref r7); c7R.StoreUnsafe(ref r7, 8);
        }
    }

    /// <summary>
    /// AVX2: 6 rows × 8 columns = 12 of the 16 256-bit registers (the BLIS shape for this width); per step 12 FMAs
    /// for 2 loads of B and 6 of A. MultiplyAddEstimate is one FMA where the processor has it.
    /// </summary>
    private readonly struct Tile6x8 : ITile
    {
        public static int MR => 6;
        public static int NR => 8;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void MultiplyAdd(ref double pa, ref double pb, int kc, ref double c, int ldc)
        {
            ref double r0 = ref c, r1 = ref Unsafe.Add(ref c, ldc), r2 = ref Unsafe.Add(ref c, 2 * ldc),
                       r3 = ref Unsafe.Add(ref c, 3 * ldc), r4 = ref Unsafe.Add(ref c, 4 * ldc), r5 = ref Unsafe.Add(ref c, 5 * ldc);
            Vector256<double> c0L = Vector256.LoadUnsafe(ref r0), c0R = Vector256.LoadUnsafe(ref r0, 4),
                              c1L = Vector256.LoadUnsafe(ref r1), c1R = Vector256.LoadUnsafe(ref r1, 4),
                              c2L = Vector256.LoadUnsafe(ref r2), c2R = Vector256.LoadUnsafe(ref r2, 4),
                              c3L = Vector256.LoadUnsafe(ref r3), c3R = Vector256.LoadUnsafe(ref r3, 4),
                              c4L = Vector256.LoadUnsafe(ref r4), c4R = Vector256.LoadUnsafe(ref r4, 4),
                              c5L = Vector256.LoadUnsafe(ref r5), c5R = Vector256.LoadUnsafe(ref r5, 4);
            for (int p = 0; p < kc; p++)
            {
                var bL = Vector256.LoadUnsafe(ref pb);
                var bR = Vector256.LoadUnsafe(ref pb, 4);
                Vector256<double> ar;
                ar = Vector256.Create(pa); c0L = Vector256.MultiplyAddEstimate(ar, bL, c0L); c0R = Vector256.MultiplyAddEstimate(ar, bR, c0R);
                ar = Vector256.Create(Unsafe.Add(ref pa, 1)); c1L = Vector256.MultiplyAddEstimate(ar, bL, c1L); c1R = Vector256.MultiplyAddEstimate(ar, bR, c1R);
                ar = Vector256.Create(Unsafe.Add(ref pa, 2)); c2L = Vector256.MultiplyAddEstimate(ar, bL, c2L); c2R = Vector256.MultiplyAddEstimate(ar, bR, c2R);
                ar = Vector256.Create(Unsafe.Add(ref pa, 3)); c3L = Vector256.MultiplyAddEstimate(ar, bL, c3L); c3R = Vector256.MultiplyAddEstimate(ar, bR, c3R);
                ar = Vector256.Create(Unsafe.Add(ref pa, 4)); c4L = Vector256.MultiplyAddEstimate(ar, bL, c4L); c4R = Vector256.MultiplyAddEstimate(ar, bR, c4R);
                ar = Vector256.Create(Unsafe.Add(ref pa, 5)); c5L = Vector256.MultiplyAddEstimate(ar, bL, c5L); c5R = Vector256.MultiplyAddEstimate(ar, bR, c5R);
                pa = ref Unsafe.Add(ref pa, 6);
                pb = ref Unsafe.Add(ref pb, 8);
            }
            c0L.StoreUnsafe(ref r0); c0R.StoreUnsafe(ref r0, 4);
            c1L.StoreUnsafe(ref r1); c1R.StoreUnsafe(ref r1, 4);
            c2L.StoreUnsafe(ref r2); c2R.StoreUnsafe(ref r2, 4);
            c3L.StoreUnsafe(ref r3); c3R.StoreUnsafe(ref r3, 4);
            c4L.StoreUnsafe(ref r4); c4R.StoreUnsafe(ref r4, 4);
            c5L.StoreUnsafe(ref r5); c5R.StoreUnsafe(ref r5, 4);
        }
    }

    /// <summary>
    /// SSE and NEON: 6 rows × 4 columns = 12 of the 16 128-bit registers SSE has (NEON has 32); per step 12
    /// multiply-adds for 2 loads of B and 6 of A. Without FMA, MultiplyAddEstimate is a multiply and an add.
    /// </summary>
    private readonly struct Tile6x4 : ITile
    {
        public static int MR => 6;
        public static int NR => 4;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void MultiplyAdd(ref double pa, ref double pb, int kc, ref double c, int ldc)
        {
            ref double r0 = ref c, r1 = ref Unsafe.Add(ref c, ldc), r2 = ref Unsafe.Add(ref c, 2 * ldc),
                       r3 = ref Unsafe.Add(ref c, 3 * ldc), r4 = ref Unsafe.Add(ref c, 4 * ldc), r5 = ref Unsafe.Add(ref c, 5 * ldc);
            Vector128<double> c0L = Vector128.LoadUnsafe(ref r0), c0R = Vector128.LoadUnsafe(ref r0, 2),
                              c1L = Vector128.LoadUnsafe(ref r1), c1R = Vector128.LoadUnsafe(ref r1, 2),
                              c2L = Vector128.LoadUnsafe(ref r2), c2R = Vector128.LoadUnsafe(ref r2, 2),
                              c3L = Vector128.LoadUnsafe(ref r3), c3R = Vector128.LoadUnsafe(ref r3, 2),
                              c4L = Vector128.LoadUnsafe(ref r4), c4R = Vector128.LoadUnsafe(ref r4, 2),
                              c5L = Vector128.LoadUnsafe(ref r5), c5R = Vector128.LoadUnsafe(ref r5, 2);
            for (int p = 0; p < kc; p++)
            {
                var bL = Vector128.LoadUnsafe(ref pb);
                var bR = Vector128.LoadUnsafe(ref pb, 2);
                Vector128<double> ar;
                ar = Vector128.Create(pa); c0L = Vector128.MultiplyAddEstimate(ar, bL, c0L); c0R = Vector128.MultiplyAddEstimate(ar, bR, c0R);
                ar = Vector128.Create(Unsafe.Add(ref pa, 1)); c1L = Vector128.MultiplyAddEstimate(ar, bL, c1L); c1R = Vector128.MultiplyAddEstimate(ar, bR, c1R);
                ar = Vector128.Create(Unsafe.Add(ref pa, 2)); c2L = Vector128.MultiplyAddEstimate(ar, bL, c2L); c2R = Vector128.MultiplyAddEstimate(ar, bR, c2R);
                ar = Vector128.Create(Unsafe.Add(ref pa, 3)); c3L = Vector128.MultiplyAddEstimate(ar, bL, c3L); c3R = Vector128.MultiplyAddEstimate(ar, bR, c3R);
                ar = Vector128.Create(Unsafe.Add(ref pa, 4)); c4L = Vector128.MultiplyAddEstimate(ar, bL, c4L); c4R = Vector128.MultiplyAddEstimate(ar, bR, c4R);
                ar = Vector128.Create(Unsafe.Add(ref pa, 5)); c5L = Vector128.MultiplyAddEstimate(ar, bL, c5L); c5R = Vector128.MultiplyAddEstimate(ar, bR, c5R);
                pa = ref Unsafe.Add(ref pa, 6);
                pb = ref Unsafe.Add(ref pb, 4);
            }
            c0L.StoreUnsafe(ref r0); c0R.StoreUnsafe(ref r0, 2);
            c1L.StoreUnsafe(ref r1); c1R.StoreUnsafe(ref r1, 2);
            c2L.StoreUnsafe(ref r2); c2R.StoreUnsafe(ref r2, 2);
            c3L.StoreUnsafe(ref r3); c3R.StoreUnsafe(ref r3, 2);
            c4L.StoreUnsafe(ref r4); c4R.StoreUnsafe(ref r4, 2);
            c5L.StoreUnsafe(ref r5); c5R.StoreUnsafe(ref r5, 2);
        }
    }
}
