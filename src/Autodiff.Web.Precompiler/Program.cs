using Autodiff.Web;
using Autodiff.Web.Kernel;

// Writes OUTPUT_DIR/NAME.cells for every notebook the app carries: its code cells compiled in order, as Run all
// compiles them (see PrecompiledCells).
if (args is not [var output])
{
    Console.Error.WriteLine("usage: Autodiff.Web.Precompiler OUTPUT_DIR");
    return 2;
}
Directory.CreateDirectory(output);
foreach (var name in Notebook.All)
{
    var code = Notebook.Load(name).Cells.Where(cell => cell.IsCode).Select(cell => cell.Source).ToList();
    var cells = CellKernel.Precompile(code);
    using (var file = File.Create(Path.Combine(output, name + ".cells")))
    {
        cells.Write(file);
    }
    Console.WriteLine($"{name}: {cells.Count} of {code.Count} code cells compiled ahead of time");
}
return 0;
