// The handshake lives in the header (static inline) so it is compiled into each image. This file holds what the
// host needs from the dynamic linker that Swift's Glibc module does not expose.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "anaconda_plugin_abi.h"

const char *anaconda_plugin_image_of(const void *address) {
    Dl_info info;
    if (address == NULL || dladdr(address, &info) == 0) return NULL;
    return info.dli_fname;
}
