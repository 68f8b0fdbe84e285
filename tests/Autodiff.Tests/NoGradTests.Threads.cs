using Autodiff;

namespace Autodiff.Tests;

/// <summary>
/// A scope disposed on another thread than the one that opened it (which happens after an <c>await</c> in a notebook
/// cell) ends the scope for the thread that opened it too.
/// </summary>
public class NoGradThreadTests
{
    /// <summary>Keeps a scope of each kind open on a thread of its own, so that "no scope open anywhere" shortcuts cannot hide a stale flag.</summary>
    private sealed class ScopesOpenElsewhere : IDisposable
    {
        private readonly ManualResetEventSlim _opened = new(), _close = new();
        private readonly Thread _thread;

        public ScopesOpenElsewhere()
        {
            _thread = new Thread(() =>
            {
                using (Autograd.NoGrad())
                using (Autograd.DetectAnomaly())
                using (Autograd.TraceBackward())
                {
                    _opened.Set();
                    _close.Wait();
                }
            });
            _thread.Start();
            _opened.Wait();
        }

        public void Dispose()
        {
            _close.Set();
            _thread.Join();
        }
    }

    private static void OnThread(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw new Xunit.Sdk.XunitException($"on the other thread: {error}");
    }

    [Fact]
    public void NoGrad_DisposedOnAnotherThread_RecordsAgainOnTheOpeningThread()
    {
        bool insideScope = true, afterDispose = false, recordsAfterDispose = false;
        using var opened = new ManualResetEventSlim();
        using var disposed = new ManualResetEventSlim();
        IDisposable? scope = null;
        ScopesOpenElsewhere? elsewhere = null;
        var opener = new Thread(() =>
        {
            scope = Autograd.NoGrad();
            insideScope = Autograd.IsGradEnabled;
            opened.Set();
            disposed.Wait();
            afterDispose = Autograd.IsGradEnabled;
            recordsAfterDispose = (new Tensor(2.0, requiresGrad: true) * 3.0).RequiresGrad;
        });
        opener.Start();
        opened.Wait();
        OnThread(() => scope!.Dispose());
        elsewhere = new ScopesOpenElsewhere();
        try
        {
            disposed.Set();
            opener.Join();
        }
        finally { elsewhere.Dispose(); }

        Assert.False(insideScope);
        Assert.True(afterDispose);
        Assert.True(recordsAfterDispose);
    }

    [Fact]
    public async Task NoGrad_DisposedByAnotherTaskAfterAnAwait_RecordsAgainHere()
    {
        var scope = Autograd.NoGrad();
        Assert.False(Autograd.IsGradEnabled);
        await Task.Run(scope.Dispose);   // the child flow's copy of the flag is not this flow's
        await Task.Yield();
        using (new ScopesOpenElsewhere())
        {
            Assert.True(Autograd.IsGradEnabled);
            Assert.True((new Tensor(2.0, requiresGrad: true) * 3.0).RequiresGrad);
        }
    }

    [Fact]
    public async Task NoGrad_DisposedElsewhere_OuterScopeStaysOn_ThenEnds()
    {
        using (new ScopesOpenElsewhere())
        {
            var outer = Autograd.NoGrad();
            var inner = Autograd.NoGrad();
            await Task.Run(inner.Dispose);
            Assert.False(Autograd.IsGradEnabled);   // the outer scope is still open
            await Task.Run(outer.Dispose);
            Assert.True(Autograd.IsGradEnabled);
        }
    }

    [Fact]
    public async Task DetectAnomaly_DisposedByAnotherTask_IsOffHere()
    {
        var scope = Autograd.DetectAnomaly();
        Assert.True(Autograd.IsAnomalyDetectionEnabled);
        await Task.Run(scope.Dispose);
        using (new ScopesOpenElsewhere())
            Assert.False(Autograd.IsAnomalyDetectionEnabled);
    }

    [Fact]
    public async Task TraceBackward_DisposedByAnotherTask_StopsRecordingHere()
    {
        var x = new Tensor(2.0, requiresGrad: true);
        var trace = Autograd.TraceBackward();
        (x * x).Backward();
        int recorded = trace.Steps.Count;
        Assert.True(recorded > 0);
        await Task.Run(trace.Dispose);
        (x * x).Backward();
        Assert.Equal(recorded, trace.Steps.Count);
    }

    [Fact]
    public void NoGrad_ScopeDisposedTwiceOnTwoThreads_CountsOnce()
    {
        var scope = Autograd.NoGrad();
        OnThread(scope.Dispose);
        scope.Dispose();
        Assert.True(Autograd.IsGradEnabled);
        OnThread(() => Assert.True(Autograd.IsGradEnabled));
    }
}
