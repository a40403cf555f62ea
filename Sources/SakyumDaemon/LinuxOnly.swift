#if !os(Linux)
#error("sakyumd runs on Linux: it watches projects with inotify, talks to systemd and checks control clients with SO_PEERCRED")
#endif
