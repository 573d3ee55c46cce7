import Foundation

/// Measures each stage of a build with a monotonic clock, for `--verbose` and the summary line.
struct StageClock {
    private(set) var timings: [BuildReport.StageTiming] = []
    private var start = ContinuousClock.now
    var observer: (@Sendable (String, String, Int) -> Void)?

    mutating func finish(_ stage: String, _ detail: String = "") {
        let now = ContinuousClock.now
        let elapsed = start.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        timings.append(BuildReport.StageTiming(stage: stage, seconds: seconds, detail: detail))
        observer?(stage, detail, timings.count)
        start = now
    }
}
