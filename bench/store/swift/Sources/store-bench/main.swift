import Foundation
import SakyumSpec
import SakyumStore

// store-bench DIR SECONDS CONCURRENCY
// Opens DIR/default.db (made by make_db.py) with the tutorial's models and asks, as fast as it can for
// SECONDS, for the admin list's page: 50 questions ordered by date with the total count, from one snapshot.
// Prints {"pages": N, "seconds": S, "pages_per_second": R} as JSON.

let arguments = CommandLine.arguments
guard arguments.count == 4, let seconds = Double(arguments[2]), let concurrency = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: store-bench DIR SECONDS CONCURRENCY\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[1])
let spec = try ProjectLoader(directory: directory).load()
let store = try Store(path: directory.appendingPathComponent("default.db").path, models: spec.models)

let total = try await store.count(Query(model: "ExamQuestionModel"))
let clock = ContinuousClock()
let start = clock.now
let deadline = start + .milliseconds(Int(seconds * 1000))

let pages = try await withThrowingTaskGroup(of: Int.self) { group in
    for worker in 0..<concurrency {
        group.addTask {
            var done = 0
            while clock.now < deadline {
                let offset = ((done * concurrency + worker) % max(1, total / 50)) * 50
                let page = try await store.page(Query(model: "ExamQuestionModel", order: [.init("date_posted", descending: true)],
                                                      limit: 50, offset: offset))
                precondition(page.records.count == 50 && page.total == total)
                done += 1
            }
            return done
        }
    }
    var sum = 0
    for try await done in group { sum += done }
    return sum
}
let elapsed = start.duration(to: clock.now)
let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(#"{"pages": \#(pages), "seconds": \#(elapsedSeconds), "pages_per_second": \#(Double(pages) / elapsedSeconds)}"#)
