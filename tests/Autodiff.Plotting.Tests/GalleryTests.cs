namespace Autodiff.Plotting.Tests;

public class GalleryTests
{
    [Fact]
    public void EveryGalleryChart_BecomesAnOfflinePage_WrittenWhenAGalleryFolderIsGiven()
    {
        var folder = Environment.GetEnvironmentVariable("AUTODIFF_PLOTTING_GALLERY");
        foreach (var (name, chart) in Gallery.All())
        {
            var page = ChartHtml.Page(chart, name);
            Assert.Contains("Plotly.newPlot(", page);
            Assert.DoesNotContain("<script src", page);  // nothing to fetch: plotly.js is inline
            if (folder is not null) ChartHtml.Save(chart, Path.Combine(folder, name + ".html"));
        }
        if (folder is not null)
            File.WriteAllText(Path.Combine(folder, "08-table.html"),
                $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{Gallery.DescentTable().ToHtml()}</body></html>");
    }
}
