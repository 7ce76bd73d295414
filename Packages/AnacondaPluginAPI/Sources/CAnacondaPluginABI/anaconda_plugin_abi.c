// The handshake lives in the header (static inline) so it is compiled into each image; a C target needs one
// source file, this one.
#include "anaconda_plugin_abi.h"
