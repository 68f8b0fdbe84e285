using Autodiff.Web;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.JSInterop;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
// Loads Roslyn when the first cell runs (Home.razor).
builder.Services.AddSingleton<LazyAssemblyLoader>();
// Fetches the cells compiled ahead of time (cells/NAME.cells, next to index.html).
builder.Services.AddSingleton(new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
var host = builder.Build();
// When .NET started, for the browser test's cold-start profile (see course.js).
((IJSInProcessRuntime)host.Services.GetRequiredService<IJSRuntime>()).InvokeVoid("courseWeb.mark", "mainMs");
await host.RunAsync();
