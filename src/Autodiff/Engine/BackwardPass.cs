using System.Runtime.InteropServices;

namespace Autodiff.Engine;

/// <summary>
/// One backward pass, as in the article: sort the graph topologically, then walk it from the output back
/// to the leaves, letting each operation turn the gradient of its output into gradients of its inputs.
/// </summary>
/// <remarks>
/// <para>The sort is the library's one <see cref="TopologicalSort"/>, iterative (a stack overflow kills the notebook
/// kernel). Nodes are marked visited through their own <see cref="Tensor.PassSlot"/> field, i.e. by reference
/// identity, never by value equality.</para>
/// <para>Each node's gradient is first gathered for this pass only, then added to what the node already
/// held. Propagating the stored gradient instead (as the article does) would push the gradients of earlier
/// passes through the graph a second time when Backward is called twice.</para>
/// <para>The buffers live on after the pass (one set per thread), so a backward pass over a graph of
/// scalars allocates nothing per node.</para>
/// <para>Passes on several threads run one at a time (a lock), so that passes through shared tensors add up
/// exactly as if they had run one after another.</para>
/// </remarks>
internal sealed class BackwardPass
{
    [ThreadStatic] private static BackwardPass? t_idle;

    private readonly List<Tensor> _order = [];
    private (Tensor Node, int NextParent)[] _stack = new (Tensor, int)[64];   // the sort's, kept between passes
    private bool _arrayGradsUsed, _graphGradsUsed;
    private bool[] _reached = new bool[64];
    private double[] _scalarGrads = new double[64];      // this pass's gradients of 0-d nodes
    private double[]?[] _arrayGrads = new double[64][];  // ... and of the others
    private Tensor?[] _graphGrads = new Tensor[64];      // ... all of them, when the pass records a graph

    // Passes take turns. A pass marks its nodes (PassSlot) and adds into their gradients: two passes at once through
    // a shared tensor (a parameter two threads train) would read each other's slots and lose additions. An
    // uncontended lock costs tens of nanoseconds per pass; it is reentrant, for an operation whose Backward runs a pass.
    private static readonly Lock s_oneAtATime = new();

    public static void Run(Tensor output, Tensor? seed, bool createGraph)
    {
        lock (s_oneAtATime)
        {
            // Taken, not shared: an operation's Backward may itself run a backward pass.
            var pass = t_idle ?? new BackwardPass();
            t_idle = null;
            try
            {
                pass.Sort(output);
                if (createGraph) pass.PropagateRecorded(output, seed);
                else pass.Propagate(output, seed);
            }
            finally
            {
                pass.Clear();
                t_idle = pass;
            }
        }
    }

    /// <summary>
    /// Lists every tensor the output depends on that requires grad, each after all of its parents; refuses a graph
    /// whose tensors changed in place after it was built (<see cref="InPlace"/>), before any gradient is added.
    /// </summary>
    private void Sort(Tensor output)
    {
        output.PassSlot = -1;   // on the stack: seen, not yet placed
        var visitor = new SortVisitor(this, InPlace.Now);
        TopologicalSort.Run(output, ref visitor, ref _stack);
        EnsureCapacity(_order.Count);
    }

    /// <summary>Follows parents that require grad, marking them through their own field (by reference), and checks every edge for in-place changes.</summary>
    private readonly struct SortVisitor(BackwardPass pass, int now) : TopologicalSort.IVisitor
    {
        public bool Follow(Tensor parent, Tensor node)
        {
            if (node.RecordedAt != now) InPlace.CheckUnchanged(parent, node);   // something changed in place since
            if (!parent.RequiresGrad || parent.PassSlot != 0) return false;
            parent.PassSlot = -1;
            return true;
        }

        public void Place(Tensor node)
        {
            if (pass._order.Count == Tensor.MaxPassSlot)
                throw new InvalidOperationException($"Backward(): the graph has more than {Tensor.MaxPassSlot:N0} nodes that require grad, the most one pass handles");
            pass._order.Add(node);
            node.PassSlot = pass._order.Count;
        }
    }

    private void Propagate(Tensor output, Tensor? seed)
    {
        var sink = new GradientSink(this);
        var seedGradient = sink.For(output);
        if (seed is null) seedGradient.Fill(1.0);
        else
        {
            if (Autograd.IsAnomalyDetectionEnabled) Anomaly.CheckSeed(output, seed.Values);
            seed.Values.CopyTo(seedGradient);
        }
        bool checkAnomalies = Autograd.IsAnomalyDetectionEnabled;
        BackwardTrace? trace = Autograd.ActiveTrace;

        for (int slot = _order.Count - 1; slot >= 0; slot--)
        {
            if (!_reached[slot]) continue;   // no gradient flowed into this node
            Tensor node = _order[slot];
            ReadOnlySpan<double> gradient = GradientAt(slot, node);
            node.AccumulateGrad(gradient, handOver: _arrayGrads[slot]);
            Operation? op = node.GradFn;
            if (trace is not null) RecordStep(trace, node, gradient.ToArray(), op, sink);
            else op?.BackwardInto(node, gradient, sink);
            if (op is null) continue;
            if (checkAnomalies)
                for (int i = 0; i < op.ParentCount; i++)
                    if (HasGradient(op.Parent(i))) Anomaly.CheckBackward(op, i, sink.For(op.Parent(i)));
        }
    }

    /// <summary>Runs a node's backward step and records what it added to each parent (the buffers before and after).</summary>
    private static void RecordStep(BackwardTrace trace, Tensor node, double[] gradient, Operation? op, GradientSink sink)
    {
        var contributions = new List<GradientContribution>();
        if (op is not null)
        {
            var parents = Enumerable.Range(0, op.ParentCount).Select(op.Parent).Where(p => p.RequiresGrad).Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>().ToList();
            var before = parents.Select(p => sink.For(p).ToArray()).ToList();
            op.BackwardInto(node, gradient, sink);
            for (int i = 0; i < parents.Count; i++)
            {
                var after = sink.For(parents[i]).ToArray();
                var amount = after.Select((v, k) => v - before[i][k]).ToArray();
                contributions.Add(Contribution(node, parents[i], ParentIndexOf(op, parents[i]), gradient, amount));
            }
        }
        trace.Add(new BackwardStep(trace.Steps.Count, node, op, gradient, contributions));
    }

    private static GradientContribution Contribution(Tensor from, Tensor to, int parentIndex, double[] upstream, double[] amount)
    {
        double? local = upstream.Length == 1 && amount.Length == 1 && upstream[0] != 0 ? amount[0] / upstream[0] : null;
        return new GradientContribution(from, to, parentIndex, amount, local);
    }

    private static int ParentIndexOf(Operation op, Tensor parent)
    {
        for (int i = 0; i < op.ParentCount; i++)
            if (ReferenceEquals(op.Parent(i), parent)) return i;
        return -1;
    }

    private void PropagateRecorded(Tensor output, Tensor? seed)
    {
        _graphGradsUsed = true;
        _graphGrads[output.PassSlot - 1] = seed ?? Tensor.Ones([.. output.ShapeArray]);
        bool checkAnomalies = Autograd.IsAnomalyDetectionEnabled;
        BackwardTrace? trace = Autograd.ActiveTrace;

        for (int slot = _order.Count - 1; slot >= 0; slot--)
        {
            Tensor? gradient = _graphGrads[slot];
            if (gradient is null) continue;
            Tensor node = _order[slot];
            node.AccumulateGraphGrad(gradient);
            Operation? op = node.GradFn;
            var contributions = new List<GradientContribution>();
            if (trace is not null) trace.Add(new BackwardStep(trace.Steps.Count, node, op, gradient.ToArray(), contributions));
            if (op is null) continue;
            Tensor?[] parentGradients = op.Backward(gradient, node);
            op.CheckGradientCount(parentGradients);
            for (int i = 0; i < op.ParentCount; i++)
            {
                Tensor parent = op.Parent(i);
                Tensor? contribution = parentGradients[i];
                if (contribution is null || !parent.RequiresGrad) continue;
                op.CheckGradientShape(i, contribution);
                contribution = contribution.SumTo(parent.ShapeArray);
                if (checkAnomalies) Anomaly.CheckBackward(op, i, contribution.Values);
                if (trace is not null) contributions.Add(Contribution(node, parent, i, gradient.ToArray(), contribution.ToArray()));
                int parentSlot = parent.PassSlot - 1;
                _graphGrads[parentSlot] = _graphGrads[parentSlot] is { } earlier ? earlier + contribution : contribution;
            }
        }
    }

    private Span<double> GradientAt(int slot, Tensor node) =>
        node.IsScalar ? MemoryMarshal.CreateSpan(ref _scalarGrads[slot], 1) : _arrayGrads[slot];

    /// <summary>This pass's gradient buffer for <paramref name="node"/>, zeroed when first asked for.</summary>
    internal Span<double> BufferFor(Tensor node)
    {
        if (!node.RequiresGrad) return Span<double>.Empty;
        int slot = node.PassSlot - 1;
        if (!_reached[slot])
        {
            _reached[slot] = true;
            if (node.IsScalar) _scalarGrads[slot] = 0.0;
            else
            {
                _arrayGrads[slot] = new double[node.Size];
                _arrayGradsUsed = true;
            }
        }
        return GradientAt(slot, node);
    }

    /// <summary>The array behind <see cref="BufferFor"/>, for a node that requires grad and is not 0-d.</summary>
    internal double[] ArrayBufferFor(Tensor node)
    {
        BufferFor(node);
        return _arrayGrads[node.PassSlot - 1]!;
    }

    private bool HasGradient(Tensor node) => node.RequiresGrad && _reached[node.PassSlot - 1];

    private void EnsureCapacity(int count)
    {
        if (count <= _reached.Length) return;
        int size = Math.Max(count, 2 * _reached.Length);
        _reached = new bool[size];
        _scalarGrads = new double[size];
        _arrayGrads = new double[size][];
        _graphGrads = new Tensor[size];
    }

    private void Clear()
    {
        foreach (var node in _order) node.PassSlot = 0;
        // The stack's used entries: still marked if the sort threw; cleared so that the buffers do not keep the graph alive.
        int used = 0;
        for (; used < _stack.Length && _stack[used].Node is { } node; used++) node.PassSlot = 0;
        Array.Clear(_stack, 0, used);
        int count = _order.Count;
        Array.Clear(_reached, 0, count);
        if (_arrayGradsUsed) Array.Clear(_arrayGrads, 0, count);
        if (_graphGradsUsed) Array.Clear(_graphGrads, 0, count);
        _arrayGradsUsed = _graphGradsUsed = false;
        _order.Clear();
    }
}

/// <summary>Hands an operation's backward step the gradient buffers of its parents (empty for a parent that does not require grad).</summary>
internal readonly struct GradientSink
{
    private readonly BackwardPass _pass;

    public GradientSink(BackwardPass pass) => _pass = pass;

    public Span<double> For(Tensor parent) => _pass.BufferFor(parent);

    /// <summary>The same buffer as an array, for a tensor that requires grad and is not 0-d: kernels that share it between threads need one.</summary>
    public double[] ArrayFor(Tensor node) => _pass.ArrayBufferFor(node);
}
