// Benchmarks: see BENCHMARKS.md.
let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "pages": PagesBench.run(Array(benchArguments.dropFirst()))
default: print("listarc-bench: benchmarks: pages [SAMPLES_DIR] [ROUNDS]")
}
