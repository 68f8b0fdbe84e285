using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Autodiff.Course;

/// <summary>
/// Builds the kernel a notebook runs in: the C# kernel of .NET Interactive with what the
/// dotnet-interactive app adds on top of the libraries (the C# <c>#r "nuget:"</c> handler and the
/// loader of NuGet "interactive-extensions", which is how Plotly.NET.Interactive registers its
/// chart formatter). One kernel per notebook, so no variable leaks from one notebook to the next.
/// </summary>
public static class NotebookKernel
{
    /// <summary>Creates a fresh kernel. Formatters are process-global: call <see cref="ResetFormatters"/> first.</summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();

        // `#!import` runs a .dib or .ipynb file's cells inline: the notebooks' setup cell is `#!import course.dib`.
        var composite = new CompositeKernel { csharp }.UseImportMagicCommand();
        composite.DefaultKernelName = csharp.Name;
        LoadNuGetExtensions(composite);
        return composite;
    }

    /// <summary>
    /// Puts the process-global formatters back to what a notebook front end starts with
    /// (VS Code and Jupyter prefer HTML, except for strings).
    /// </summary>
    public static void ResetFormatters()
    {
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }

    /// <summary>
    /// After each command, loads the <c>interactive-extensions/dotnet/*.dll</c> of every package
    /// that command added and calls <see cref="IKernelExtension.OnLoadAsync"/>, as the
    /// dotnet-interactive app does.
    /// </summary>
    private static void LoadNuGetExtensions(CompositeKernel kernel)
    {
        var added = new ConcurrentQueue<PackageAdded>();
        var seenRoots = new HashSet<string>(StringComparer.Ordinal);

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);

            while (added.TryDequeue(out var package))
            {
                var root = package.PackageReference.PackageRoot;
                if (root is null || !seenRoots.Add(root))
                {
                    continue;
                }

                var directory = Path.Combine(root, "interactive-extensions", "dotnet");
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (var dll in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
                {
                    await LoadExtensionAsync(kernel, dll, context);
                }
            }
        });

        kernel.RegisterForDisposal(
            kernel.KernelEvents.OfType<PackageAdded>().Subscribe(added.Enqueue));
    }

    private static async Task LoadExtensionAsync(Kernel kernel, string dll, KernelInvocationContext context)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
        var extensionTypes = assembly.ExportedTypes
            .Where(t => !t.IsAbstract && !t.IsInterface && !t.IsGenericTypeDefinition)
            .Where(t => typeof(IKernelExtension).IsAssignableFrom(t));

        foreach (var type in extensionTypes)
        {
            try
            {
                var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                await extension.OnLoadAsync(kernel);
                context.Publish(new KernelExtensionLoaded(extension, context.Command));
            }
            catch (Exception e)
            {
                context.Fail(context.Command, e, $"Failed to load kernel extension {type.FullName} from {dll}: {e.Message}");
            }
        }
    }
}
