#ifndef ANACONDA_CORE_H
#define ANACONDA_CORE_H

/// The file of the loaded image that contains `address` (the auth library uses it to find
/// libAnacondaHTTPTransport.so beside itself, the host to find a plugin's libraries), or NULL.
const char *anaconda_image_of(const void *address);

#endif
