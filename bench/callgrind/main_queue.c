// Preloaded into sakyumd under valgrind only (bench/callgrind/run). Valgrind 3.19 crashes when libdispatch's
// dispatch_main() ends the main thread with pthread_exit and parks it in a TSD destructor, which every Swift
// async main does. This dispatch_main drains the main queue the way Foundation's run loop does instead.
#include <poll.h>
#include <stdint.h>
#include <unistd.h>

extern int _dispatch_get_main_queue_handle_4CF(void);
extern void _dispatch_main_queue_callback_4CF(void *message);

void dispatch_main(void) {
    int handle = _dispatch_get_main_queue_handle_4CF();
    struct pollfd waiting = {handle, POLLIN, 0};
    for (;;) {
        poll(&waiting, 1, -1);
        uint64_t wakeups;
        (void)read(handle, &wakeups, sizeof wakeups);
        _dispatch_main_queue_callback_4CF(0);
    }
}
