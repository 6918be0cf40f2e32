#ifndef GAPSCAN_H
#define GAPSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Skips the plain bytes and simple escapes of a JSON string's contents.
///
/// Starting at `from`, passes over every byte that is not a quote, a
/// backslash or a control byte (below 0x20), and over every two-byte escape
/// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` (setting `*escaped` to 1
/// when it passes one). Returns the offset of the first byte it stops at: a
/// quote, a control byte, or a backslash that begins a `\u` escape, an
/// invalid escape or is the last byte; `count` when there is none. The
/// caller handles that byte exactly as a byte-by-byte reading would, so
/// errors and their offsets do not depend on this function.
///
/// Reads only `bytes[from ..< count]`.
size_t gapscan_string_run(const uint8_t *bytes, size_t from, size_t count, int *escaped);

/// The same, with the given instructions: 0 portable (SSE2 on x86-64, plain
/// C elsewhere), 1 AVX2 where the processor has it (else portable). For
/// tests, which hold every variant to the same answers.
size_t gapscan_string_run_using(int instructions, const uint8_t *bytes, size_t from, size_t count, int *escaped);

/// Mapped reading of a log, safe when the file shrinks meanwhile.
///
/// A read-only mapping of a file whose end is cut off while it is read (a run
/// started again over its log) faults with SIGBUS on the pages past the new
/// end. A window mapped with `gapscan_map_window` is registered for this
/// package's SIGBUS handler, installed on first use (a handler installed
/// before it still gets every other SIGBUS): on such a fault in a window, it
/// maps a page of zeros over the page that went away and marks the window,
/// so the reader goes on over zeros, learns from `gapscan_unmap_window` that
/// what it read is not the file, and reads that part again with `pread`.
/// Linux only; elsewhere nothing is mapped.

/// Maps `length` bytes of `fd` from `offset` (a multiple of the page size)
/// read-only, with huge pages asked for (pages read in through it come in
/// 2 MiB folios), and registers the window. NULL when it cannot (mapping failed,
/// the handler could not be installed, too many windows at once): read
/// with `pread` instead.
const uint8_t *gapscan_map_window(int fd, int64_t offset, size_t length);

/// Unregisters and unmaps a window `gapscan_map_window` gave. Returns 1 when
/// a page of it went away while it was mapped (what was read there is not
/// the file's), else 0.
int gapscan_unmap_window(const uint8_t *window, size_t length);

/// The size of a page, to which window offsets are aligned.
size_t gapscan_page_size(void);

/// How many pages of windows went away while mapped, since the process
/// started (for tests: that the handler ran).
uint64_t gapscan_lost_pages(void);

#endif
