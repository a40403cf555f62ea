/// Renders repeatedly for a fixed wall-clock time, after a short warm-up, and counts renders.
struct RenderTimer {
    var seconds: Double
    /// Renders between clock reads, so reading the clock costs next to nothing.
    var batch = 10

    func measure(_ render: () throws -> [UInt8]) throws -> (renders: Int, seconds: Double) {
        let clock = ContinuousClock()
        let warmUpEnd = clock.now + .milliseconds(200)
        while clock.now < warmUpEnd {
            _ = try render()
        }
        var renders = 0
        let start = clock.now
        let end = start + .seconds(seconds)
        repeat {
            for _ in 0..<batch {
                _ = try render()
            }
            renders += batch
        } while clock.now < end
        let elapsed = start.duration(to: clock.now)
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (renders, elapsedSeconds)
    }
}
