using Autodiff;

namespace Autodiff.Tests;

public class NoGradTests
{
    [Fact]
    public void NoGrad_OperationsDoNotRecord()
    {
        var w = new Tensor(2.0, requiresGrad: true);
        Tensor y;
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            y = w * 3.0;
        }
        Assert.True(Autograd.IsGradEnabled);
        Assert.Equal(6.0, y.Item());
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
        Assert.True((w * 3.0).RequiresGrad);
    }

    [Fact]
    public void NoGrad_Nested_RestoresTheOuterState()
    {
        using (Autograd.NoGrad())
        {
            using (Autograd.NoGrad()) Assert.False(Autograd.IsGradEnabled);
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public async Task NoGrad_DoesNotLeakIntoOtherThreads()
    {
        using var inside = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var scoped = Task.Run(async () =>
        {
            using (Autograd.NoGrad())
            {
                inside.Release();
                await release.WaitAsync();
                return Autograd.IsGradEnabled;
            }
        });
        await inside.WaitAsync();
        bool elsewhere = await Task.Run(() => Autograd.IsGradEnabled);
        release.Release();
        Assert.False(await scoped);
        Assert.True(elsewhere);
    }

    [Fact]
    public async Task NoGrad_FlowsAcrossAwait()
    {
        using (Autograd.NoGrad())
        {
            await Task.Yield();
            await Task.Delay(1);
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void Detach_CutsTheGraph()
    {
        var x = new Tensor(3.0, requiresGrad: true);
        var y = x * x;
        var constant = y.Detach();
        Assert.False(constant.RequiresGrad);
        Assert.True(constant.IsLeaf);
        Assert.Equal(9.0, constant.Item());
        var z = y + constant * x;                 // the detached factor is a constant: dz/dx = 2x + 9
        z.Backward();
        Assert.Equal(15.0, x.Grad!.Item());
    }
}
