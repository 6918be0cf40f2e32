#ifndef GAPSCOPE_CNCURSES_SHIM_H
#define GAPSCOPE_CNCURSES_SHIM_H
// ncursesw with wide-character entry points; Swift cannot see C macros or
// read mutable C globals safely under strict concurrency, so they are wrapped
// in static inline functions here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <langinfo.h>
#include <string.h>
#include <stdio.h>
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

// Start-up: the locale decides UTF-8, and newterm (unlike initscr) returns NULL
// for an unknown terminal instead of exiting the process.
static inline void gs_setlocale_from_environment(void) { setlocale(LC_ALL, ""); }
static inline int gs_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
static inline SCREEN *gs_newterm(void) { return newterm(NULL, stdout, stdin); }

// Attributes are built with function-like macros.
static inline attr_t gs_a_normal(void) { return A_NORMAL; }
static inline attr_t gs_a_bold(void) { return A_BOLD; }
static inline attr_t gs_a_dim(void) { return A_DIM; }
static inline attr_t gs_a_italic(void) {
#ifdef A_ITALIC
    return A_ITALIC;
#else
    return A_NORMAL;
#endif
}
static inline attr_t gs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gs_a_reverse(void) { return A_REVERSE; }

// Colour pairs beyond 32767 and colours beyond 255 (direct colour) need the
// extended calls where this ncurses has them.
static inline int gs_init_pair(int pair, int fg, int bg) {
#if NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg);
#else
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}
static inline int gs_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
#if NCURSES_EXT_COLORS
    return setcchar(cell, text, attrs, 0, &pair);
#else
    return setcchar(cell, text, attrs, (short)pair, NULL);
#endif
}

// Drawing and reading on stdscr; several of these are macros in curses.h.
static inline int gs_mvadd_wch(int y, int x, const cchar_t *cell) { return mvwadd_wch(stdscr, y, x, cell); }
static inline int gs_getcurx(void) { return getcurx(stdscr); }
static inline int gs_clear_from(int y, int x) {
    if (wmove(stdscr, y, x) == ERR) return ERR;
    return wclrtoeol(stdscr);
}
static inline int gs_clear_below(int y) {
    if (wmove(stdscr, y, 0) == ERR) return ERR;
    return wclrtobot(stdscr);
}
static inline void gs_repaint_all_on_next_update(void) { clearok(curscr, TRUE); }
static inline int gs_get_wch(wint_t *ch) { return wget_wch(stdscr, ch); }
static inline void gs_timeout(int ms) { wtimeout(stdscr, ms); }
static inline int gs_key_f(int n) { return KEY_F(n); }

// Mouse masks are macros; buttons 4 and 5 (the wheel) need mouse version 2.
static inline mmask_t gs_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gs_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t gs_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t gs_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t gs_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t gs_button5_pressed(void) {
#if defined(NCURSES_MOUSE_VERSION) && NCURSES_MOUSE_VERSION > 1
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

// Whether the process was started with a signal ignored (nohup, background jobs).
static inline int gs_signal_is_ignored(int sig) {
    struct sigaction current;
    return sigaction(sig, NULL, &current) == 0 && current.sa_handler == SIG_IGN;
}

// A scratch file for stderr while the screen is ours (see NcursesTerminal).
static inline int gs_temporary_file(void) {
    FILE *file = tmpfile();
    return file ? fileno(file) : -1;
}
#endif
