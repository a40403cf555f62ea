/// How long the latest reloads of one project took, from reading its files to the new Site being
/// served; keeps the most recent ones only.
struct ReloadTimes {
    static let capacity = 512

    private var samples: [Duration] = []
    private var next = 0
    private(set) var count = 0

    mutating func record(_ duration: Duration) {
        count += 1
        if samples.count < Self.capacity {
            samples.append(duration)
        } else {
            samples[next] = duration
            next = (next + 1) % Self.capacity
        }
    }

    /// The nearest-rank percentile (0...100) of the kept samples, in milliseconds.
    func percentile(_ rank: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, max(0, Int((rank / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return Self.milliseconds(sorted[index])
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
