// Plugins depend on this product only; these modules then exist once per process, inside this library.
@_exported import ArgumentParser
@_exported import CAnacondaPluginABI
@_exported import Logging
