/// At most `limit` connections are served at once, across the daemon's HTTP and HTTPS listeners: past it
/// an accepted connection waits for a slot (and new ones wait in the kernel's backlog), so the daemon
/// always keeps file descriptors for its control socket and its databases.
actor ConnectionSlots {
    let limit: Int
    private var open = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    func acquire() async {
        guard open >= limit else {
            open += 1
            return
        }
        // The slot is handed over by release(): `open` stays as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            open -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
