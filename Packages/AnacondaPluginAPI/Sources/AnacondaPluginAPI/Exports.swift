// Plugins depend on this product only; these modules then exist once per process, inside this library and
// libAnacondaCore.so.
@_exported import AnacondaCore
@_exported import ArgumentParser
@_exported import CAnacondaPluginABI
