using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Autodiff.Course.Site;

/// <summary>
/// The files a page needs offline: KaTeX (embedded in this assembly) and plotly.js (read out of
/// Plotly.NET.dll, which embeds the exact version its charts are written for).
/// </summary>
public static class SiteAssets
{
    /// <summary>Site-relative path of plotly.js.</summary>
    public const string PlotlyPath = "assets/plotly.min.js";

    /// <summary>Writes KaTeX and plotly.js under <c>site/assets</c>.</summary>
    public static void WriteTo(string siteDirectory)
    {
        var assembly = typeof(SiteAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Replace('\\', '/').StartsWith("assets/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(siteDirectory, name.Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }

        var (script, license) = ReadPlotlyJs();
        File.WriteAllBytes(Path.Combine(siteDirectory, PlotlyPath), script);
        if (license is not null)
        {
            File.WriteAllBytes(Path.Combine(siteDirectory, "assets/plotly.min.js.LICENSE.txt"), license);
        }
    }

    /// <summary>
    /// plotly.js and its licence from the resources of Plotly.NET.dll, read with a PE reader so
    /// that this process never loads Plotly.NET (a notebook's <c>#r</c> must be the one that does).
    /// </summary>
    public static (byte[] Script, byte[]? License) ReadPlotlyJs()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "assets", "Plotly.NET.dll.bin");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Plotly.NET.dll (the source of plotly.js for the site) was not copied next to the course command: {dll}", dll);
        }

        using var pe = new PEReader(File.OpenRead(dll));
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        var section = pe.GetSectionData(resources.RelativeVirtualAddress);

        byte[]? script = null, license = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (!resource.Implementation.IsNil)
            {
                continue;
            }
            var reader = section.GetReader((int)resource.Offset, resources.Size - (int)resource.Offset);
            var length = reader.ReadInt32();
            var bytes = reader.ReadBytes(length);
            if (name.EndsWith(".min.js", StringComparison.Ordinal) && name.Contains("plotly", StringComparison.OrdinalIgnoreCase))
            {
                script = bytes;
            }
            else if (name.EndsWith(".LICENSE.txt", StringComparison.Ordinal) && name.Contains("plotly", StringComparison.OrdinalIgnoreCase))
            {
                license = bytes;
            }
        }

        return (script ?? throw new InvalidDataException($"{dll} has no embedded plotly .min.js resource"), license);
    }
}
