// The handshake lives in the header (static inline) so it is compiled into each image; this file only gives the
// target a translation unit.
#include "anaconda_plugin_abi.h"
