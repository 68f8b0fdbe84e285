using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autodiff;

/// <summary>
/// A data node of the computational graph: an N-dimensional array of doubles, stored row-major, that remembers
/// the operation that produced it (<see cref="GradFn"/>) and receives its gradient (<see cref="Grad"/>) when a
/// backward pass reaches it. The article's scalars are 0-d tensors (<c>new Tensor(2.0)</c>).
/// </summary>
/// <remarks>
/// The values of a tensor never change through the public API; optimizers update the values of leaf
/// parameters in place, after which a graph built from the old values refuses to run backward. Identity is reference identity: two tensors holding equal values are two different
/// nodes, and <see cref="object.Equals(object)"/> is deliberately not overridden.
/// A tensor is safe to read from several threads, and backward passes may be started from several threads: they
/// take turns, so gradients through shared tensors add up as if the passes had run one after another. Read
/// <see cref="Grad"/>, and step an optimizer, once the passes that reach those tensors have ended.
/// </remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed partial class Tensor
{
    // A graph of scalars (the article's, micrograd's) holds one tensor per value, so every field counts: the node
    // is 56 bytes. A 0-d tensor keeps its value in _scalar instead of a one-element array (one object per data node
    // instead of two); any other tensor keeps its values, its shape and its gradient buffer in one ArrayStorage,
    // so a scalar pays one empty field for all three. The gradient, the flags and the pass slot are in
    // Engine/Tensor.GradStorage.cs.
    private double _scalar;
    private readonly ArrayStorage? _array;
    private Operation? _gradFn;
    private int _recordedAt;   // the in-place clock when _gradFn was applied (see InPlace)

    /// <summary>What a tensor of rank 1 or more holds: its values (row-major), its shape, and its gradient buffer.</summary>
    private sealed class ArrayStorage(double[] values, int[] shape)
    {
        public readonly double[] Values = values;
        public readonly int[] Shape = shape;
        public double[]? Grad;   // owned by the tensor, added into by backward passes, kept by ZeroGrad for reuse
    }

    /// <summary>A 0-d tensor (a scalar) holding <paramref name="value"/>.</summary>
    public Tensor(double value, bool requiresGrad = false)
    {
        _scalar = value;
        SetFlag(Flags.RequiresGrad, requiresGrad);
    }

    /// <summary>A tensor of the given <paramref name="shape"/> holding a copy of <paramref name="data"/> in row-major order.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the shape, or a dimension is negative.</exception>
    public Tensor(double[] data, int[] shape, bool requiresGrad = false)
    {
        Check.NotNull(data, nameof(data));
        Check.Shape(shape, nameof(shape));
        int size = Shapes.SizeOf(shape);
        Check.Argument(data.Length == size, nameof(data),
            $"data has {data.Length} values but shape {Shapes.Format(shape)} needs {size}");
        if (shape.Length == 0) _scalar = data[0];
        else _array = new ArrayStorage((double[])data.Clone(), (int[])shape.Clone());
        SetFlag(Flags.RequiresGrad, requiresGrad);
    }

    /// <summary>A 1-d tensor (a vector) holding a copy of <paramref name="vector"/>.</summary>
    public Tensor(double[] vector, bool requiresGrad = false) : this(vector, [vector?.Length ?? 0], requiresGrad) { }

    /// <summary>A 2-d tensor (a matrix) holding a copy of <paramref name="matrix"/>.</summary>
    public Tensor(double[,] matrix, bool requiresGrad = false)
        : this(Flatten(matrix), [matrix.GetLength(0), matrix.GetLength(1)], requiresGrad) { }

    /// <summary>Wraps <paramref name="values"/> without copying: for operations, which hand over arrays they just filled.</summary>
    private Tensor(double[] values, int[] shape)
    {
        if (shape.Length == 0) _scalar = values[0];
        else _array = new ArrayStorage(values, shape);
    }

    internal static Tensor Owning(double[] values, int[] shape) => new(values, shape);

    /// <summary>The size of each dimension; empty for a 0-d tensor.</summary>
    public IReadOnlyList<int> Shape => ShapeArray;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => ShapeArray.Length;

    /// <summary>The number of elements.</summary>
    public int Size => _array?.Values.Length ?? 1;

    /// <summary>Whether gradients flow into this tensor in a backward pass.</summary>
    /// <exception cref="InvalidOperationException">Set on a tensor that an operation produced (only leaves can be changed).</exception>
    public bool RequiresGrad
    {
        get => HasFlag(Flags.RequiresGrad);
        set
        {
            if (!IsLeaf)
                throw new InvalidOperationException(
                    $"RequiresGrad can only be changed on a leaf tensor, but {Describe()} was produced by {_gradFn!.Name}; use Detach() to get a leaf copy");
            SetFlag(Flags.RequiresGrad, value);
        }
    }

    /// <summary>The operation that produced this tensor, or null for a leaf (an input, a parameter, a constant).</summary>
    public Operation? GradFn => _gradFn;

    /// <summary>True when no recorded operation produced this tensor.</summary>
    public bool IsLeaf => _gradFn is null;

    /// <summary>An optional name, shown in pictures of the graph and in error messages.</summary>
    public string? Name
    {
        get => s_names.TryGetValue(this, out var name) ? name : null;
        set
        {
            if (value is null) s_names.Remove(this);
            else s_names.AddOrUpdate(this, value);
        }
    }

    // Few tensors have a name, so names live in a table beside them instead of in a field of every tensor:
    // in a graph of scalars that field would be 8 of a node's 56 bytes. The table holds its keys weakly, so a
    // named tensor is collected like any other.
    private static readonly ConditionalWeakTable<Tensor, string> s_names = new();

    internal int[] ShapeArray => _array?.Shape ?? Shapes.Scalar;

    /// <summary>The values, row-major. A 0-d tensor's one value is its <see cref="_scalar"/> field.</summary>
    internal Span<double> Values => _array?.Values ?? MemoryMarshal.CreateSpan(ref _scalar, 1);

    /// <summary>The array behind <see cref="Values"/>; null for a 0-d tensor. For kernels that share it between threads (a span cannot be).</summary>
    internal double[]? Storage => _array?.Values;

    internal bool IsScalar => _array is null;

    internal double ScalarValue => _scalar;

    /// <summary>The in-place clock when the operation that produced this tensor was applied (see <see cref="InPlace"/>).</summary>
    internal int RecordedAt => _recordedAt;

    internal void MarkAsOutputOf(Operation operation)
    {
        _gradFn = operation;
        _recordedAt = InPlace.Now;
        SetFlag(Flags.RequiresGrad, true);
    }

    /// <summary>The value of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public double Item()
    {
        if (Size != 1)
            throw new InvalidOperationException(
                $"Item() needs a tensor with exactly one element, but {Describe()} has {Size}; use ToArray() to read all values");
        return Values[0];
    }

    /// <summary>A copy of the values in row-major order.</summary>
    public double[] ToArray() => Values.ToArray();

    /// <summary>The element at <paramref name="index"/> (one index per dimension).</summary>
    [IndexerName("ElementAt")]
    public double this[params int[] index]
    {
        get
        {
            Check.NotNull(index, nameof(index));
            Check.Argument(index.Length == Rank, nameof(index),
                $"{Describe()} needs {Rank} indices, got {index.Length}");
            int offset = 0;
            for (int d = 0; d < Rank; d++)
            {
                if (index[d] < 0 || index[d] >= ShapeArray[d])
                    throw new ArgumentOutOfRangeException(nameof(index),
                        $"index {index[d]} is out of range for dimension {d} of size {ShapeArray[d]} in {Describe()}");
                offset = offset * ShapeArray[d] + index[d];
            }
            return Values[offset];
        }
    }

    /// <summary>A new leaf holding a copy of the values, cut off from the graph (no grad, no <see cref="GradFn"/>).</summary>
    public Tensor Detach() => Copy();

    internal Tensor Copy() => _array is null ? new Tensor(_scalar) : new Tensor((double[])_array.Values.Clone(), _array.Shape);

    /// <summary>How messages refer to this tensor: its name if it has one, and its shape.</summary>
    internal string Describe() =>
        Name is null ? $"a tensor of shape {Shapes.Format(ShapeArray)}" : $"tensor '{Name}' of shape {Shapes.Format(ShapeArray)}";

    private static double[] Flatten(double[,] matrix)
    {
        Check.NotNull(matrix, nameof(matrix));
        var flat = new double[matrix.Length];
        int k = 0;
        foreach (double v in matrix) flat[k++] = v;
        return flat;
    }
}
