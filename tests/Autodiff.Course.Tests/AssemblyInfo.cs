// The runner changes the current directory and the process-wide formatters while a notebook runs:
// one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
