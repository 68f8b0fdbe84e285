namespace Autodiff;

/// <summary>Switches that change how operations are recorded and checked, each as a scope for a <c>using</c> block.</summary>
/// <remarks>
/// Scopes follow the flow of execution, including across <c>await</c> (they are <see cref="AsyncLocal{T}"/>),
/// so a scope opened on one thread or task does not affect another.
/// </remarks>
public static class Autograd
{
    private static readonly AsyncLocal<bool> s_noGrad = new();
    private static readonly AsyncLocal<bool> s_anomaly = new();
    private static readonly AsyncLocal<BackwardTrace?> s_trace = new();

    // How many scopes of each kind are open anywhere. Every operation asks whether recording is on; when no
    // scope is open at all (the common case) the answer needs no AsyncLocal lookup.
    private static int s_openNoGradScopes;
    private static int s_openAnomalyScopes;

    /// <summary>Whether operations currently record the graph (false inside <see cref="NoGrad"/>).</summary>
    public static bool IsGradEnabled => Volatile.Read(ref s_openNoGradScopes) == 0 || !s_noGrad.Value;

    /// <summary>Whether NaN/∞ checks are on (inside <see cref="DetectAnomaly"/>).</summary>
    public static bool IsAnomalyDetectionEnabled => Volatile.Read(ref s_openAnomalyScopes) != 0 && s_anomaly.Value;

    /// <summary>
    /// Until disposed, operations compute values without recording the graph: their outputs do not require
    /// grad. For updates of parameters, and for evaluation. PyTorch: <c>torch.no_grad()</c>.
    /// </summary>
    public static IDisposable NoGrad() => new Scope(noGrad: true);

    /// <summary>
    /// Until disposed, the first NaN or infinity that an operation produces, in a forward or a backward pass,
    /// throws an <see cref="AnomalyException"/> naming the operation and its inputs' shapes, instead of
    /// spreading silently. Slower. PyTorch: <c>torch.autograd.detect_anomaly()</c>.
    /// </summary>
    public static IDisposable DetectAnomaly() => new Scope(noGrad: false);

    /// <summary>
    /// Until disposed, every backward pass is recorded step by step into the returned trace (see
    /// <see cref="BackwardTrace"/>), for replaying backpropagation. The course's own addition: PyTorch has no twin.
    /// </summary>
    public static BackwardTrace TraceBackward()
    {
        var previous = s_trace.Value;
        BackwardTrace? trace = null;
        trace = new BackwardTrace(() => s_trace.Value = previous);
        s_trace.Value = trace;
        return trace;
    }

    internal static BackwardTrace? ActiveTrace => s_trace.Value;

    private sealed class Scope : IDisposable
    {
        private readonly bool _noGrad;
        private readonly bool _previous;
        private bool _disposed;

        public Scope(bool noGrad)
        {
            _noGrad = noGrad;
            _previous = Flag.Value;
            Flag.Value = true;
            Interlocked.Increment(ref OpenScopes);
        }

        private AsyncLocal<bool> Flag => _noGrad ? s_noGrad : s_anomaly;

        private ref int OpenScopes => ref _noGrad ? ref s_openNoGradScopes : ref s_openAnomalyScopes;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Flag.Value = _previous;
            Interlocked.Decrement(ref OpenScopes);
        }
    }
}
