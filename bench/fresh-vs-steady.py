"""Fresh-process, steady and micrograd figures for every workload, measured in one run (bench/README.md).

    dotnet build -c Release bench/Autodiff.Benchmarks -o /tmp/bench
    /usr/bin/python3 bench/fresh-vs-steady.py /tmp/bench/Autodiff.Benchmarks [fresh runs] [loop seconds] [workload,…]

For each workload: its first call in each of a few fresh processes (median), the steady `loop` figure, both as
wall and as CPU time, and the loop's share of time in GC pauses; then micrograd-style CPython
(bench/micrograd/reference.py) on the scalar MLP and on a 400-link chain. Prints a markdown table and the load
average before and after: on a shared machine, compare ratios from the same run.
"""
import os
import re
import statistics
import subprocess
import sys

WORKLOADS = sys.argv[4].split(",") if len(sys.argv) > 4 else ["scalar-mlp", "learner-mlp", "learner-mlp-loops", "learner-mlp-in-place",
             "chain-1e5", "chain-1e6", "logistic", "mlp", "matmul"]
HERE = os.path.dirname(os.path.abspath(__file__))


def run(args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def load():
    return open("/proc/loadavg").read().split()[0]


def fresh(bench, workload, runs):
    walls, cpus = [], []
    for _ in range(runs):
        out = run([bench, "first", workload, "1"])
        walls.append(float(re.search(r"first ([\d.]+) ms", out).group(1)))
        cpus.append(float(re.search(r"([\d.]+) ms CPU", out).group(1)))
    return statistics.median(walls), statistics.median(cpus)


def steady(bench, workload, seconds):
    out = run([bench, "loop", workload, str(seconds)])
    wall = float(re.search(r"([\d.]+) µs each", out).group(1)) / 1e3
    cpu = float(re.search(r"\(([\d.]+) µs of CPU", out).group(1)) / 1e3
    gc = float(re.search(r"GC: ([\d.]+) %", out).group(1))
    gens = re.search(r"gen0 (\d+), gen1 (\d+), gen2 (\d+)", out).groups()
    count = int(re.search(r"(\d+) operations", out).group(1))
    allocated = int(re.search(r"(\d+) bytes allocated each", out).group(1))
    return wall, cpu, gc, gens, count, allocated


def micrograd(*args):
    out = run([sys.executable, os.path.join(HERE, "micrograd", "reference.py"), *args])
    rows = re.findall(r"GC (on|off)\): median ([\d.]+) ms wall, ([\d.]+) ms CPU", out)
    return {gc: (float(w), float(c)) for gc, w, c in rows}


def main():
    bench = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    seconds = sys.argv[3] if len(sys.argv) > 3 else "5"
    print(f"load average before: {load()}")
    rows = {}
    for w in WORKLOADS:
        fw, fc = fresh(bench, w, runs)
        sw, sc, gc, gens, count, allocated = steady(bench, w, seconds)
        rows[w] = (fw, fc, sw, sc, gc, gens, count, allocated)
        print(f"  {w}: fresh {fw:.1f} ms wall / {fc:.1f} ms CPU; steady {sw:.2f} ms wall / {sc:.2f} ms CPU over {count} "
              f"operations, GC {gc}% (gen0/1/2 {'/'.join(gens)}); load {load()}", flush=True)
    # micrograd's figures are compared with all of the workloads they need; a shorter list skips them
    compare = all(w in rows for w in ("scalar-mlp", "learner-mlp", "chain-1e6"))
    if compare:
        mlp = micrograd("scalar-mlp", "5")
        chain = micrograd("chain", "400", "20")
    print(f"load average after: {load()}")
    print()
    print("| workload | fresh process, first call (wall / CPU) | steady loop (wall / CPU) | fresh ÷ steady (wall / CPU) | GC pauses in the loop | allocated per op |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for w, (fw, fc, sw, sc, gc, gens, count, allocated) in rows.items():
        print(f"| {w} | {fw:.1f} / {fc:.1f} ms | {sw:.2f} / {sc:.2f} ms | {fw / sw:.2f} / {fc / sc:.2f} | {gc} % (gen0/1/2: {'/'.join(gens)} in {count} ops) | {allocated / 1e6:.2f} MB |")
    if not compare:
        return
    print()
    hand = rows["scalar-mlp"][3]
    print(f"micrograd-style scalar MLP step: GC off {mlp['off'][1]:.0f} ms CPU, GC on {mlp['on'][1]:.0f} ms CPU; "
          f"ratio to the steady hand-written step (CPU): {mlp['off'][1] / hand:.0f}× (GC off), {mlp['on'][1] / hand:.0f}× (GC on); "
          f"to the learner's step: {mlp['off'][1] / rows['learner-mlp'][3]:.0f}× (GC off)")
    per_link_py = chain['off'][1] / 400 * 1e3
    per_link = rows["chain-1e6"][3] / 1e6 * 1e3
    print(f"micrograd-style chain, 400 links: {per_link_py:.2f} µs CPU per link (GC off; {chain['on'][1] / 400 * 1e3:.2f} on); "
          f"ours at 10⁶ links, steady: {per_link:.3f} µs per link: {per_link_py / per_link:.0f}×")


if __name__ == "__main__":
    main()
