// The kernel is made for the browser's one thread: while a cell runs it redirects Console.Out and arms the static
// CellBudget. Two kernels running at once in this process would capture each other's output and limits, so the
// tests here run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
