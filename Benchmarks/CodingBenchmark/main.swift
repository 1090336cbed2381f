import Coding
import Foundation

// Release build only: `swift run -c release --scratch-path .build-coding CodingBenchmark [CORPUS_DIR]`.
// Prints the knowledge-base load time (CPT files, ICD-10-CM, NCCI, lexicon, diagnosis rules;
// median of 5 cold loads) and narratives per second on one core over the tuning corpora.

// CPU time of this thread: the machine is shared, and "on one core" is what is asked; wall
// time is printed too.
func cpuNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

var lastWall = 0.0
@MainActor func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpu = cpuNow()
    try body()
    lastWall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return cpuNow() - cpu
}

let corpusDirectory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Tests/CodingTests/Corpus"

var loads: [Double] = []
var walls: [Double] = []
var knowledgeBase: KnowledgeBase!
for _ in 0..<5 {
    loads.append(try seconds { knowledgeBase = try KnowledgeBase.load(overrideFiles: []) })
    walls.append(lastWall)
}
loads.sort()
walls.sort()
print(String(format: "knowledge base load (incl. ICD-10-CM, %d CPT entries): median %.1f ms CPU (best %.1f), median %.1f ms wall",
             knowledgeBase.procedures.count, loads[2] * 1000, loads[0] * 1000, walls[2] * 1000))

// Tuning corpora only: the held-out set is for evaluation, not for anything else.
let files = ((try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory)) ?? [])
    .filter { $0.hasPrefix("tuning-") && $0.hasSuffix(".jsonl") }.sorted()
var narratives: [String] = []
for file in files {
    narratives += try EvaluationCase.load(URL(fileURLWithPath: corpusDirectory).appendingPathComponent(file)).map(\.text)
}
guard !narratives.isEmpty else {
    print("no tuning corpora in \(corpusDirectory)")
    exit(1)
}
let engine = CodingEngine(knowledgeBase: knowledgeBase, serviceDate: "20260401")
var checksum = 0
for narrative in narratives.prefix(50) { checksum &+= engine.suggest(narrative).procedures.count }  // warm-up
var processed = 0
let elapsed = seconds {
    while processed < narratives.count * 3 {
        for narrative in narratives { checksum &+= engine.suggest(narrative).procedures.count }
        processed += narratives.count
    }
}
let bytes = narratives.reduce(0) { $0 + $1.utf8.count } / narratives.count
print(String(format: "suggest: %d narratives (mean %d bytes) in %.2f s CPU on one core = %.0f narratives/s (wall %.2f s = %.0f/s)",
             processed, bytes, elapsed, Double(processed) / elapsed, lastWall, Double(processed) / lastWall))
print("checksum \(checksum)")
