namespace Autodiff;

/// <summary>Switches that change how operations are recorded and checked, each as a scope for a <c>using</c> block.</summary>
/// <remarks>
/// <para>Scopes follow the flow of execution, including across <c>await</c> (they are <see cref="AsyncLocal{T}"/>),
/// so a scope opened on one thread or task does not affect another.</para>
/// <para>A scope ends when it is disposed, on whichever thread that happens: disposing it after an <c>await</c> that
/// resumed on another thread, or from another task, ends it for the code that opened it too.</para>
/// </remarks>
public static class Autograd
{
    // Each flow of execution holds its innermost scope of each kind; a scope links to the one that was open around it.
    private static readonly AsyncLocal<Scope?> s_noGrad = new();
    private static readonly AsyncLocal<Scope?> s_anomaly = new();
    private static readonly AsyncLocal<BackwardTrace?> s_trace = new();

    // How many scopes of each kind are open anywhere. Every operation asks whether recording is on; when no
    // scope is open at all (the common case) the answer needs no AsyncLocal lookup.
    private static int s_openNoGradScopes;
    private static int s_openAnomalyScopes;

    /// <summary>Whether operations currently record the graph (false inside <see cref="NoGrad"/>).</summary>
    public static bool IsGradEnabled => Volatile.Read(ref s_openNoGradScopes) == 0 || Scope.Innermost(s_noGrad.Value) is null;

    /// <summary>Whether NaN/∞ checks are on (inside <see cref="DetectAnomaly"/>).</summary>
    public static bool IsAnomalyDetectionEnabled => Volatile.Read(ref s_openAnomalyScopes) != 0 && Scope.Innermost(s_anomaly.Value) is not null;

    /// <summary>
    /// Until disposed, operations compute values without recording the graph: their outputs do not require
    /// grad. For updates of parameters, and for evaluation. PyTorch: <c>torch.no_grad()</c>.
    /// </summary>
    public static IDisposable NoGrad() => new Scope(s_noGrad, noGrad: true);

    /// <summary>
    /// Until disposed, the first NaN or infinity that an operation produces, in a forward or a backward pass,
    /// throws an <see cref="AnomalyException"/> naming the operation and its inputs' shapes, instead of
    /// spreading silently. Slower. PyTorch: <c>torch.autograd.detect_anomaly()</c>.
    /// </summary>
    public static IDisposable DetectAnomaly() => new Scope(s_anomaly, noGrad: false);

    /// <summary>
    /// Until disposed, every backward pass is recorded step by step into the returned trace (see
    /// <see cref="BackwardTrace"/>), for replaying backpropagation. The course's own addition: PyTorch has no twin.
    /// </summary>
    public static BackwardTrace TraceBackward()
    {
        var trace = new BackwardTrace(outer: ActiveTrace, end: ended =>
        {
            if (ReferenceEquals(s_trace.Value, ended)) s_trace.Value = ended.Outer;
        });
        s_trace.Value = trace;
        return trace;
    }

    /// <summary>The innermost trace of this flow that is not disposed yet.</summary>
    internal static BackwardTrace? ActiveTrace
    {
        get
        {
            var trace = s_trace.Value;
            while (trace is not null && trace.IsDisposed) trace = trace.Outer;
            return trace;
        }
    }

    private sealed class Scope : IDisposable
    {
        private readonly AsyncLocal<Scope?> _flag;
        private readonly bool _noGrad;
        private readonly Scope? _outer;
        private int _ended;

        public Scope(AsyncLocal<Scope?> flag, bool noGrad)
        {
            _flag = flag;
            _noGrad = noGrad;
            _outer = Innermost(flag.Value);
            flag.Value = this;
            Interlocked.Increment(ref OpenScopes);
        }

        private ref int OpenScopes => ref _noGrad ? ref s_openNoGradScopes : ref s_openAnomalyScopes;

        /// <summary>The innermost scope of a chain that is still open; null when all have ended.</summary>
        public static Scope? Innermost(Scope? scope)
        {
            while (scope is not null && Volatile.Read(ref scope._ended) != 0) scope = scope._outer;
            return scope;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0) return;
            Interlocked.Decrement(ref OpenScopes);
            // Disposed in the flow that opened it: restore the outer scope. Elsewhere the opening flow still holds
            // this scope, and Innermost passes over it now that it has ended.
            if (ReferenceEquals(_flag.Value, this)) _flag.Value = _outer;
        }
    }
}
