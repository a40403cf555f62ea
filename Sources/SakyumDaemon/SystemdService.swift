import Logging
import ServiceLifecycle

/// Keeps systemd informed for the whole run: READY=1 with a STATUS once every listener is bound,
/// WATCHDOG=1 at half the watchdog interval while the supervisor answers, STOPPING=1 on shutdown.
struct SystemdService: Service {
    let notifier: SystemdNotifier
    let readiness: ListenerReadiness
    let supervisor: Supervisor
    let logger: Logger

    func run() async throws {
        await withGracefulShutdownHandler {
            do {
                try await cancelWhenGracefulShutdown {
                    await readiness.allBound()
                    try Task.checkCancellation()
                    let summary = await supervisor.summary
                    notifier.ready(status: summary)
                    logger.notice("ready: \(summary)")
                    guard let interval = notifier.watchdogInterval else {
                        try await gracefulShutdown()
                        return
                    }
                    while true {
                        try await Task.sleep(for: interval)
                        // A ping proves the supervisor still answers, not only that a timer fires.
                        _ = await supervisor.summary
                        notifier.watchdog()
                    }
                }
            } catch {
                // Cancelled by the shutdown: nothing more to tell systemd than STOPPING=1.
            }
        } onGracefulShutdown: {
            notifier.stopping()
        }
    }
}
