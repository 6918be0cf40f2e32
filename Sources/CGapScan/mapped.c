#include "gapscan.h"

#if defined(__linux__)
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/// Windows mapped at once: one per reading worker, with room to spare.
#define WINDOWS 64

struct window {
    _Atomic int used;
    _Atomic uintptr_t start;  // 0 while the slot holds no window
    _Atomic uintptr_t end;
    _Atomic int shrank;
};

static struct window windows[WINDOWS];
static struct sigaction previous;
static _Atomic int installed;  // 0 not yet, 1 installed, -1 failed
static size_t page_size;
static _Atomic uint64_t lost_pages;

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    int saved_errno = errno;
    for (int i = 0; i < WINDOWS; i++) {
        uintptr_t start = atomic_load(&windows[i].start);
        if (start == 0 || address < start || address >= atomic_load(&windows[i].end)) continue;
        void *page = (void *)(address & ~(uintptr_t)(page_size - 1));
        int mapped = mmap(page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED;
        errno = saved_errno;
        if (mapped) {
            atomic_store(&windows[i].shrank, 1);
            atomic_fetch_add(&lost_pages, 1);
            return;  // the load runs again, and reads zeros
        }
        break;
    }
    // Not a window's page: what would have happened without this handler.
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction) {
            previous.sa_sigaction(signal, info, context);
            return;
        }
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signal);
        return;
    }
    // The default action: on return the fault happens again, and ends the process.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigaction(SIGBUS, &fallback, NULL);
}

static int install(void) {
    int state = atomic_load(&installed);
    if (state != 0) return state == 1;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (atomic_load(&installed) == 0) {
        page_size = (size_t)sysconf(_SC_PAGESIZE);
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = on_sigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        atomic_store(&installed, sigaction(SIGBUS, &action, &previous) == 0 ? 1 : -1);
    }
    pthread_mutex_unlock(&lock);
    return atomic_load(&installed) == 1;
}

size_t gapscan_page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

uint64_t gapscan_lost_pages(void) { return atomic_load(&lost_pages); }

const uint8_t *gapscan_map_window(int fd, int64_t offset, size_t length) {
    if (length == 0 || !install()) return NULL;
    int slot = -1;
    for (int i = 0; i < WINDOWS && slot < 0; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&windows[i].used, &expected, 1)) slot = i;
    }
    if (slot < 0) return NULL;
    void *p = mmap(NULL, length, PROT_READ, MAP_PRIVATE, fd, (off_t)offset);
    if (p == MAP_FAILED) {
        atomic_store(&windows[slot].used, 0);
        return NULL;
    }
#ifdef MADV_HUGEPAGE
    // Pages of the log that are not in the page cache come in through this
    // mapping's faults: asked for huge pages, the kernel reads them ahead in
    // 2 MiB folios, which every later mapping maps with a fault each instead
    // of a page-table entry per 4 KiB page, far cheaper (docs/benchmark.md).
    // Folios already in the cache stay as they are. A refusal (no
    // transparent huge pages) changes nothing.
    madvise(p, length, MADV_HUGEPAGE);
#endif
    atomic_store(&windows[slot].shrank, 0);
    atomic_store(&windows[slot].end, (uintptr_t)p + length);
    atomic_store(&windows[slot].start, (uintptr_t)p);
    return p;
}

int gapscan_unmap_window(const uint8_t *window, size_t length) {
    int shrank = 0;
    for (int i = 0; i < WINDOWS; i++) {
        if (atomic_load(&windows[i].start) != (uintptr_t)window) continue;
        atomic_store(&windows[i].start, 0);
        shrank = atomic_load(&windows[i].shrank);
        munmap((void *)window, length);
        atomic_store(&windows[i].used, 0);
        return shrank;
    }
    munmap((void *)window, length);
    return shrank;
}

#else

#include <unistd.h>

const uint8_t *gapscan_map_window(int fd, int64_t offset, size_t length) {
    (void)fd, (void)offset, (void)length;
    return NULL;
}

int gapscan_unmap_window(const uint8_t *window, size_t length) {
    (void)window, (void)length;
    return 0;
}

size_t gapscan_page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

uint64_t gapscan_lost_pages(void) { return 0; }

#endif
