// What Swift's Glibc module does not expose of the dynamic linker.
#define _GNU_SOURCE
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include "anaconda_core.h"

struct image_search {
    uintptr_t address;
    const char *name;
};

static int find_image(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct image_search *search = data;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + segment->p_vaddr;
        if (search->address >= start && search->address < start + segment->p_memsz) {
            search->name = info->dlpi_name;
            return 1;
        }
    }
    return 0;
}

// The loaded images' segments, not dladdr: dladdr also looks for the nearest symbol, a walk over the whole symbol
// table that costs milliseconds in a large library.
const char *anaconda_image_of(const void *address) {
    if (address == NULL) return NULL;
    struct image_search search = {(uintptr_t)address, NULL};
    dl_iterate_phdr(find_image, &search);
    return search.name;
}
