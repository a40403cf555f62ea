import CSystemd

/// Tells the service manager how the daemon is doing (sd_notify). Every call does nothing when
/// the daemon was not started by systemd with `Type=notify`, so it is always safe to call.
struct SystemdNotifier: Sendable {
    init() {}

    /// Half the `WatchdogSec=` systemd asked for, or nil when it asked for no pings.
    var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds / 2))
    }

    /// Every listener is bound: systemd may now consider the start done.
    func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    /// A reload began; `ready(status:)` ends it.
    func reloading() { send("RELOADING=1\nSTATUS=reloading") }

    func status(_ text: String) { send("STATUS=\(text)") }

    func stopping() { send("STOPPING=1\nSTATUS=stopping") }

    func watchdog() { send("WATCHDOG=1") }

    private func send(_ state: String) {
        _ = sd_notify(0, state)
    }
}
