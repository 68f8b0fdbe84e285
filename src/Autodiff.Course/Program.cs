using Autodiff.Course;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

var r = await NotebookRunner.RunAsync(args[0], new RunOptions { Log = Console.Out, Parameters = args.Skip(1).Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]) });
Console.WriteLine(r.FailureMessage ?? "OK");
foreach (var c in r.Document.Elements)
  foreach (var o in c.Outputs)
    Console.WriteLine($"  out: {o.GetType().Name} " + o switch { DisplayElement d => string.Join(",", d.Data.Select(kv => kv.Key + ":" + kv.Value.ToString()![..Math.Min(150, kv.Value.ToString()!.Length)])), ReturnValueElement d => string.Join(",", d.Data.Select(kv => kv.Key + ":" + kv.Value.ToString()![..Math.Min(300, kv.Value.ToString()!.Length)])), TextElement t => t.Text, ErrorElement e => e.ErrorValue, _ => "" });
File.WriteAllText("/tmp/exp/out.ipynb", r.Document.ToJupyterJson());
