#ifndef ANACONDA_PLUGIN_ABI_H
#define ANACONDA_PLUGIN_ABI_H

#include <stdint.h>

/// The C-level handshake between the `anaconda` host and a plugin library.
///
/// A plugin exports `anaconda_plugin_handshake` returning `anaconda_plugin_make_handshake()`. Because the function
/// below is `static inline`, its body is compiled into the plugin itself, so the values are the ones of the header
/// and compiler the plugin was built with, not the host's. The host compares them with its own before it runs any
/// other plugin code.

/// "ANACONDA" in ASCII.
#define ANACONDA_PLUGIN_MAGIC 0x414E41434F4E4441ULL

/// Bumped on any change to the plugin API or to the versions of the libraries it re-exports.
#define ANACONDA_PLUGIN_ABI_VERSION 2

/// The version of the plugin API (the AnacondaPluginAPI package).
#define ANACONDA_PLUGIN_API_VERSION "0.1.0"

/// The symbol every plugin library exports.
#define ANACONDA_PLUGIN_HANDSHAKE_SYMBOL "anaconda_plugin_handshake"

/// The symbol that creates the plugin object, called only after a successful handshake.
#define ANACONDA_PLUGIN_CREATE_SYMBOL "anaconda_plugin_create"

typedef struct anaconda_plugin_handshake {
    uint64_t magic;
    uint32_t abi_version;
    const char *api_version;
    /// The compiler that built the image: the toolchain's clang identifies the Swift toolchain build exactly.
    const char *toolchain;
} anaconda_plugin_handshake;

static inline anaconda_plugin_handshake anaconda_plugin_make_handshake(void) {
    anaconda_plugin_handshake handshake = {
        ANACONDA_PLUGIN_MAGIC, ANACONDA_PLUGIN_ABI_VERSION, ANACONDA_PLUGIN_API_VERSION, __VERSION__
    };
    return handshake;
}


#endif
