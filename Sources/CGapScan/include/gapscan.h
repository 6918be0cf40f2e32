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

#endif
