#!/usr/bin/env python3
"""Installs a package from a local channel into a new environment with py-rattler (index, solve, install), as a
user's `conda create -c file://CHANNEL NAME` would, offline.

usage: create-env.py CHANNEL_DIR PACKAGE_FILE ENV_PREFIX SPEC
"""
import asyncio
import os
import shutil
import sys

import rattler
from rattler.index import index_fs


async def main(channel_dir, package, prefix, spec):
    subdir = os.path.join(channel_dir, "linux-64")
    os.makedirs(subdir, exist_ok=True)
    os.makedirs(os.path.join(channel_dir, "noarch"), exist_ok=True)
    shutil.copy2(package, subdir)
    for platform in ("linux-64", "noarch"):
        await index_fs(channel_directory=channel_dir, target_platform=rattler.Subdir(platform))
    channel = rattler.Channel("file://" + os.path.abspath(channel_dir))
    records = await rattler.solve(
        [channel], [spec], platforms=["linux-64", "noarch"],
        virtual_packages=rattler.VirtualPackage.detect())
    await rattler.install(records, target_prefix=prefix, cache_dir=os.path.join(channel_dir, ".cache"),
                          show_progress=False)
    print("installed " + ", ".join(f"{r.name.normalized} {r.version} {r.build}" for r in records))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    asyncio.run(main(*sys.argv[1:]))
    # py-rattler's background threads can crash the interpreter while it shuts down (PyGILState_Release during
    # finalization, seen about one run in four here): the work is done, so leave without finalizing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
