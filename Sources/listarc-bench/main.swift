// Benchmarks: see BENCHMARKS.md. (Filled in by the benchmark work.)
print("listarc-bench: no benchmarks yet")
