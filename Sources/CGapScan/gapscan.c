#include "gapscan.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

/// Whether `\` followed by `e` is a two-byte escape: `"` `\` `/` `b` `f` `n` `r` `t`, as bits of a
/// 128-bit set (a test, not a jump table: escapes are frequent and varied).
static inline int simple_escape(uint8_t e) {
    static const uint64_t set[2] = {
        (1ULL << '"') | (1ULL << '/'),
        (1ULL << ('\\' - 64)) | (1ULL << ('b' - 64)) | (1ULL << ('f' - 64)) | (1ULL << ('n' - 64)) |
            (1ULL << ('r' - 64)) | (1ULL << ('t' - 64)),
    };
    return e < 128 && ((set[e >> 6] >> (e & 63)) & 1);
}

// marks64: one bit per byte of the 64 at `p`, set for a quote, a backslash or a byte below 0x20.

#if defined(__SSE2__)
static inline uint64_t marks64_base(const uint8_t *p) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    uint64_t marks = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
            // v <= 0x1F (unsigned): max(v, 0x1F) == 0x1F.
            _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));
        marks |= (uint64_t)(uint32_t)_mm_movemask_epi8(m) << (16 * k);
    }
    return marks;
}
#else
static inline uint64_t marks64_base(const uint8_t *p) {
    uint64_t marks = 0;
    for (int k = 0; k < 64; k++) {
        uint8_t b = p[k];
        if (b == '"' || b == '\\' || b < 0x20) marks |= (uint64_t)1 << k;
    }
    return marks;
}
#endif

#if defined(__x86_64__)
__attribute__((target("avx2"))) static inline uint64_t marks64_avx2(const uint8_t *p) {
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i control = _mm256_set1_epi8(0x1F);
    uint64_t marks = 0;
    for (int k = 0; k < 2; k++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + 32 * k));
        __m256i m = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
            _mm256_cmpeq_epi8(_mm256_max_epu8(v, control), control));
        marks |= (uint64_t)(uint32_t)_mm256_movemask_epi8(m) << (32 * k);
    }
    return marks;
}
#endif

// The run, once per instruction set. A block's marks are taken lowest first:
// a quote or control byte stops the run, a simple escape clears its two bits
// (the escaped byte may be a quote or a backslash), anything else at a
// backslash stops it. Fewer than 64 bytes before `count` are read as the
// last 64 bytes, their marks shifted down to start at `i` (zeros shifted in
// past `count`), or, when there are fewer than 64 bytes in all, from a copy
// padded with quotes that are past `count` and so never taken.
#define GAPSCAN_DEFINE_RUN(NAME, MARKS, ATTRIBUTES)                                                \
    ATTRIBUTES static size_t NAME(const uint8_t *bytes, size_t from, size_t count, int *escaped) { \
        size_t i = from;                                                                           \
        uint8_t tail[64];                                                                          \
        while (i < count) {                                                                        \
            uint64_t marks;                                                                        \
            if (i + 64 <= count) {                                                                 \
                marks = MARKS(bytes + i);                                                          \
            } else if (count >= 64) {                                                              \
                marks = MARKS(bytes + count - 64) >> (i - (count - 64));                           \
            } else {                                                                               \
                memcpy(tail, bytes + i, count - i);                                                \
                memset(tail + (count - i), '"', 64 - (count - i));                                 \
                marks = MARKS(tail);                                                               \
            }                                                                                      \
            size_t next = i + 64;                                                                  \
            while (marks) {                                                                        \
                size_t j = i + (size_t)__builtin_ctzll(marks);                                     \
                if (j >= count) return count;                                                      \
                if (bytes[j] != '\\' || j + 1 >= count || !simple_escape(bytes[j + 1])) return j;  \
                *escaped = 1;                                                                      \
                if (j + 2 >= i + 64) {                                                             \
                    next = j + 2;                                                                  \
                    break;                                                                         \
                }                                                                                  \
                marks &= ~(uint64_t)0 << (j + 2 - i);                                              \
            }                                                                                      \
            i = next;                                                                              \
        }                                                                                          \
        return count;                                                                              \
    }

GAPSCAN_DEFINE_RUN(string_run_base, marks64_base, )

#if defined(__x86_64__)
GAPSCAN_DEFINE_RUN(string_run_avx2, marks64_avx2, __attribute__((target("avx2"))))

/// Whether the processor and the system (saved YMM state) support AVX2.
static int has_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & bit_AVX2) != 0;
}

/// 0: not yet known, 1: base, 2: AVX2. Racing first calls agree on the answer.
static int run_kind = 0;
#endif

static int avx2_available(void) {
#if defined(__x86_64__)
    int kind = __atomic_load_n(&run_kind, __ATOMIC_RELAXED);
    if (kind == 0) {
        kind = has_avx2() ? 2 : 1;
        __atomic_store_n(&run_kind, kind, __ATOMIC_RELAXED);
    }
    return kind == 2;
#else
    return 0;
#endif
}

size_t gapscan_string_run(const uint8_t *bytes, size_t from, size_t count, int *escaped) {
#if defined(__x86_64__)
    if (avx2_available()) return string_run_avx2(bytes, from, count, escaped);
#endif
    return string_run_base(bytes, from, count, escaped);
}

size_t gapscan_string_run_using(int instructions, const uint8_t *bytes, size_t from, size_t count, int *escaped) {
#if defined(__x86_64__)
    if (instructions == 1 && avx2_available()) return string_run_avx2(bytes, from, count, escaped);
#endif
    (void)instructions;
    return string_run_base(bytes, from, count, escaped);
}
