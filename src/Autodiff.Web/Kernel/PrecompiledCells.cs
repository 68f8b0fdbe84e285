using System.Text;

namespace Autodiff.Web.Kernel;

/// <summary>
/// The notebooks' cells compiled ahead of time, when the app is published (<c>src/Autodiff.Web.Precompiler</c>), by
/// the same <see cref="CellCompiler"/> the browser runs. Run all over cells a reader has not edited then loads each
/// cell's assembly instead of compiling it: in the browser Roslyn runs in .NET's interpreter, and compiling was
/// about half of a notebook's Run all. A cell is looked up by its source and by the chain of cells compiled before
/// it, so a cell that was edited, or that follows a cell run out of order, is compiled by Roslyn as before.
/// </summary>
public sealed class PrecompiledCells
{
    private readonly Dictionary<string, Entry> byKey = new(StringComparer.Ordinal);

    /// <summary>One compiled cell: the chain it continues, its source as the kernel compiles it, and its image.</summary>
    public sealed record Entry(string Previous, string Source, string Key, byte[] Image);

    /// <summary>No cell compiled ahead of time: every cell goes to Roslyn.</summary>
    public static PrecompiledCells None { get; } = new();

    /// <summary>How many cells there are.</summary>
    public int Count => byKey.Count;

    /// <summary>
    /// The key of the chain after <paramref name="source"/> is compiled on top of the chain <paramref name="previous"/>
    /// (the empty string before the first cell). It names the cell's assembly, so it is the same in every browser.
    /// A 64-bit FNV-1a hash; <see cref="Find"/> compares the source and the chain themselves, so a collision cannot
    /// run the wrong code.
    /// </summary>
    public static string ChainKey(string previous, string source)
    {
        var hash = 14695981039346656037UL;
        foreach (var text in new[] { previous, "\0", source })
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
        }
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The name of the assembly a cell compiles to, from its chain's key: the same whether the cell was compiled ahead
    /// of time or in the page, so that a later cell compiled by Roslyn finds the earlier ones by name.
    /// </summary>
    public static string AssemblyName(string key) => "cell-" + key;

    public void Add(Entry entry) => byKey[entry.Key] = entry;

    /// <summary>The image of <paramref name="source"/> compiled after the chain <paramref name="previous"/>, if there is one.</summary>
    public Entry? Find(string previous, string source) =>
        byKey.TryGetValue(ChainKey(previous, source), out var entry) && entry.Previous == previous && entry.Source == source ? entry : null;

    /// <summary>The file format: a count, then per cell its chain, source, key and image.</summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(byKey.Count);
        foreach (var entry in byKey.Values)
        {
            writer.Write(entry.Previous);
            writer.Write(entry.Source);
            writer.Write(entry.Key);
            writer.Write(entry.Image.Length);
            writer.Write(entry.Image);
        }
    }

    public static PrecompiledCells Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var cells = new PrecompiledCells();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var previous = reader.ReadString();
            var source = reader.ReadString();
            var key = reader.ReadString();
            var image = reader.ReadBytes(reader.ReadInt32());
            cells.Add(new Entry(previous, source, key, image));
        }
        return cells;
    }
}
