#ifndef PSEUDO_TERMINAL_H
#define PSEUDO_TERMINAL_H
#include <stddef.h>

/// Opens a new pseudo-terminal. Returns the controller descriptor (or -1) and writes the terminal side's path.
int pseudo_terminal_open(char *name, size_t name_length);

#endif
