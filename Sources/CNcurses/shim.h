#ifndef GAPSCOPE_CNCURSES_SHIM_H
#define GAPSCOPE_CNCURSES_SHIM_H
// ncursesw with wide-character entry points; Swift cannot see C macros or
// read mutable C globals safely under strict concurrency, so they are wrapped
// in static inline functions here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int gs_cols(void) { return COLS; }
static inline int gs_lines(void) { return LINES; }
static inline WINDOW *gs_stdscr(void) { return stdscr; }
static inline int gs_colors(void) { return COLORS; }
static inline int gs_color_pairs(void) { return COLOR_PAIRS; }
static inline int gs_color_pair(int n) { return COLOR_PAIR(n); }
static inline int gs_key_resize(void) { return KEY_RESIZE; }
static inline int gs_key_mouse(void) { return KEY_MOUSE; }
static inline void gs_set_escdelay(int ms) { set_escdelay(ms); }
#endif
