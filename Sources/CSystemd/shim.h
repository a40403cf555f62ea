// libsystemd's daemon and journal APIs: sd_notify, sd_listen_fds_with_names, sd_watchdog_enabled, sd_journal_sendv.
// Without this, sd_journal_sendv is a macro that Swift cannot call.
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/stat.h>

/// "DEV:INODE" of a descriptor, the form of $JOURNAL_STREAM; 0 on success.
static inline int csystemd_device_and_inode(int descriptor, unsigned long long *device, unsigned long long *inode) {
    struct stat status;
    if (fstat(descriptor, &status) != 0) return -1;
    *device = (unsigned long long)status.st_dev;
    *inode = (unsigned long long)status.st_ino;
    return 0;
}
