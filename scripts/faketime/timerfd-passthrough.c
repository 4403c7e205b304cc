/*
 * Preloaded before libfaketime by scripts/moved-clock-test.sh: hands timerfd_settime and
 * timerfd_gettime straight to the kernel.
 *
 * libfaketime 0.9.10 (Debian 12) subtracts its offset from every absolute timerfd deadline,
 * whatever the timer's clock, even with FAKETIME_DONT_FAKE_MONOTONIC=1 (upstream issue
 * wolfcw/libfaketime#378). libdispatch arms CLOCK_MONOTONIC timerfds for every Swift
 * Task.sleep, so under `faketime -f +400d` the deadline comes out negative (EINVAL) and the
 * sleep never ends; under -400d it lands 400 days away. Ombud sleeps only on the monotonic
 * clock, which the guard leaves real, so passing these calls through is exact.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int timerfd_settime(int fd, int flags, const struct itimerspec *new_value, struct itimerspec *old_value) {
    return (int)syscall(SYS_timerfd_settime, fd, flags, new_value, old_value);
}

int timerfd_gettime(int fd, struct itimerspec *curr_value) {
    return (int)syscall(SYS_timerfd_gettime, fd, curr_value);
}
