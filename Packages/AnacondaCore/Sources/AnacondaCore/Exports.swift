// Users of this library get swift-log from it: one copy per process, inside libAnacondaCore.so.
@_exported import CAnacondaCore
@_exported import Logging
