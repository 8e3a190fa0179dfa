// Benchmarks: see BENCHMARKS.md and Benchmarks/run.sh.
let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "pages": PagesBench.run(Array(benchArguments.dropFirst()))
case "mails": MailsBench.run(Array(benchArguments.dropFirst()))
case "queries": QueriesBench.run(Array(benchArguments.dropFirst()))
case "synthetic": SyntheticArchive.run(Array(benchArguments.dropFirst()))
case "stage": StageBench.run(Array(benchArguments.dropFirst()))
default: print("listarc-bench: benchmarks: pages [SAMPLES_DIR] [ROUNDS] | mails MBOX[.gz] [ROUNDS] | queries ARCHIVE REPORT_MAIL|- [NAME...] | synthetic SOURCE_ARCHIVE OUT [HUNKS] | stage STAGE MBOX|PAGES_DIR [ROUNDS]")
}
