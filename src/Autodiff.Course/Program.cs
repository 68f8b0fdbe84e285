using Autodiff.Course;

// The kernel redirects Console.Out while a cell runs; progress goes to the real stdout.
var output = Console.Out;
var error = Console.Error;
return await CommandLine.RunAsync(args, output, error);
