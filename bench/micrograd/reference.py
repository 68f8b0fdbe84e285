"""micrograd-style reference for the benchmarks: the same workloads in pure CPython, measured in the same run.

micrograd (github.com/karpathy/micrograd) is not installed here and there is no PyPI, so this file restates its
engine.py and nn.py faithfully: a scalar Value with _prev/_op/_backward closures, a recursive topological sort in
backward(), Neuron/Layer/MLP with the same initialisation, and the demo's max-margin loss with L2 regularisation.
Nothing is vectorised; every number is one Value, as in micrograd.

Run (python3 3.11, no packages needed):
    python3 bench/micrograd/reference.py scalar-mlp [steps]     micrograd's demo step, median of steps (default 20)
    python3 bench/micrograd/reference.py chain [links] [runs]   x -> x*1.0001 + 0, forward + backward (default 400)
Both print the median wall time and CPU time (time.process_time) per operation, with the cyclic GC on and off.
micrograd's recursive backward() stops with RecursionError near 500 links at Python's default limit (1000).
"""
import gc
import math
import random
import statistics
import sys
import time


class Value:
    """stores a single scalar value and its gradient (micrograd/engine.py)"""

    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, other):
        assert isinstance(other, (int, float)), "only supporting int/float powers for now"
        out = Value(self.data**other, (self,), f'**{other}')

        def _backward():
            self.grad += (other * self.data**(other - 1)) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')

        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo = []
        visited = set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()

    def __neg__(self): return self * -1
    def __radd__(self, other): return self + other
    def __sub__(self, other): return self + (-other)
    def __rsub__(self, other): return other + (-self)
    def __rmul__(self, other): return self * other
    def __truediv__(self, other): return self * other**-1
    def __rtruediv__(self, other): return other * self**-1


class Module:
    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        return []


class Neuron(Module):
    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]


class Layer(Module):
    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP(Module):
    def __init__(self, nin, nouts):
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i + 1], nonlin=i != len(nouts) - 1) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


def two_moons(count=100, noise=0.1, seed=1):
    """The bench's TwoMoons.cs recipe (scikit-learn's make_moons shape), labels -1 and +1."""
    rng = random.Random(seed)
    outer = count // 2
    xs, ys = [], []
    for i in range(count):
        first = i < outer
        k, n = (i, outer) if first else (i - outer, count - outer)
        angle = math.pi * k / max(n - 1, 1)
        x0 = (math.cos(angle) if first else 1 - math.cos(angle)) + noise * rng.gauss(0, 1)
        x1 = (math.sin(angle) if first else 0.5 - math.sin(angle)) + noise * rng.gauss(0, 1)
        xs.append([x0, x1])
        ys.append(-1 if first else 1)
    return xs, ys


def demo_step(model, X, y, learning_rate):
    """demo.ipynb's loss() and one optimisation step: forward, zero_grad, backward, update."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum((p * p for p in model.parameters()))
    total_loss = data_loss + reg_loss
    model.zero_grad()
    total_loss.backward()
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return total_loss.data


def chain(links):
    x = Value(1.0)
    y = x
    for _ in range(links):
        y = y * 1.0001 + 0.0
    y.backward()
    return x.grad


def measure(name, operation, count):
    for gc_on in (True, False):
        gc.enable() if gc_on else gc.disable()
        operation()  # warm-up
        walls, cpus = [], []
        for _ in range(count):
            w, c = time.perf_counter(), time.process_time()
            operation()
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
        print(f"{name} (cyclic GC {'on' if gc_on else 'off'}): median {statistics.median(walls) * 1e3:.1f} ms wall, "
              f"{statistics.median(cpus) * 1e3:.1f} ms CPU, over {count} runs")
    gc.enable()


def main(argv):
    mode = argv[1] if len(argv) > 1 else "scalar-mlp"
    if mode == "scalar-mlp":
        steps = int(argv[2]) if len(argv) > 2 else 20
        random.seed(1337)
        model = MLP(2, [16, 16, 1])
        X, y = two_moons(100)
        measure("scalar MLP step", lambda: demo_step(model, X, y, 0.1), steps)
    elif mode == "chain":
        links = int(argv[2]) if len(argv) > 2 else 400
        runs = int(argv[3]) if len(argv) > 3 else 20
        measure(f"chain of {links} links", lambda: chain(links), runs)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
