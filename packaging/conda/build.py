#!/usr/bin/env python3
"""Builds dist/<name>-<version>-<build>.conda from the archive of `make dist`, following recipe.yaml, offline:
conda-package-handling writes the .conda (the v2 format: a zip of info-*.tar.zst and pkg-*.tar.zst).

Layout in the environment: bin/anaconda, and everything else under lib/anaconda/ (our libraries and the Swift
runtime beside them, the plugins in lib/anaconda/plugins/ where the host looks), so the runtime libraries cannot
clash with another package's lib/. Run paths are rewritten for that layout with patchelf; they stay relative.

usage: build.py [ARCHIVE] [OUT_DIR]
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

import yaml
from conda_package_handling import api

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def recipe():
    with open(os.path.join(HERE, "recipe.yaml")) as file:
        text = file.read()
    context = yaml.safe_load(text)["context"]
    for key, value in context.items():
        text = text.replace("${{ " + key + " }}", str(value))
    return yaml.safe_load(text)


def relink(prefix):
    """Run paths for the package layout: bin/ → ../lib/anaconda, libraries → themselves, plugins → ../.."""
    for directory, _, files in os.walk(prefix):
        for name in files:
            path = os.path.join(directory, name)
            with open(path, "rb") as file:
                if file.read(4) != b"\x7fELF":
                    continue
            relative = os.path.relpath(path, prefix)
            if relative.startswith("bin/"):
                rpath = "$ORIGIN/../lib/anaconda"
            elif relative.startswith("lib/anaconda/plugins/"):
                rpath = "$ORIGIN/../.."
            else:
                rpath = "$ORIGIN"
            subprocess.run(["patchelf", "--set-rpath", rpath, path], check=True)


def main():
    meta = recipe()
    name, version = meta["package"]["name"], str(meta["package"]["version"])
    number = meta["build"]["number"]
    archive = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "dist", f"anaconda-{version}-linux-x86_64.tar.gz")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "dist")
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="tar")
        (unpacked,) = [os.path.join(work, entry) for entry in os.listdir(work)]
        prefix = os.path.join(work, "prefix")
        os.makedirs(os.path.join(prefix, "bin"))
        shutil.copy2(os.path.join(unpacked, "bin", "anaconda"), os.path.join(prefix, "bin", "anaconda"))
        libraries = os.path.join(prefix, "lib", "anaconda")
        shutil.copytree(os.path.join(unpacked, "lib", "anaconda", "plugins"), os.path.join(libraries, "plugins"))
        for entry in os.listdir(os.path.join(unpacked, "lib")):
            if entry.endswith(".so") or ".so." in entry:
                shutil.copy2(os.path.join(unpacked, "lib", entry), libraries)
        relink(prefix)
        files = sorted(
            os.path.relpath(os.path.join(directory, name_), prefix)
            for directory, _, names in os.walk(prefix) for name_ in names)
        info = os.path.join(prefix, "info")
        os.makedirs(os.path.join(info, "recipe"))
        build = f"{number}"
        index = {
            "name": name, "version": version, "build": build, "build_number": number,
            "depends": meta["requirements"].get("run", []),
            "constrains": meta["requirements"].get("run_constraints", []),
            "license": meta["about"]["license"], "platform": "linux", "arch": "x86_64", "subdir": "linux-64",
            "timestamp": int(time.time() * 1000),
        }
        paths = []
        for relative in files:
            path = os.path.join(prefix, relative)
            with open(path, "rb") as file:
                digest = hashlib.sha256(file.read()).hexdigest()
            paths.append({"_path": relative, "path_type": "hardlink", "sha256": digest,
                          "size_in_bytes": os.path.getsize(path)})
        about = {key: meta["about"][key] for key in ("homepage", "license", "summary", "description")}
        about["commands"] = ["anaconda"]
        writes = {
            "index.json": index, "paths.json": {"paths": paths, "paths_version": 1}, "about.json": about,
        }
        for filename, content in writes.items():
            with open(os.path.join(info, filename), "w") as file:
                json.dump(content, file, indent=2, sort_keys=True)
        with open(os.path.join(info, "files"), "w") as file:
            file.write("\n".join(files) + "\n")
        shutil.copy2(os.path.join(HERE, "recipe.yaml"), os.path.join(info, "recipe", "recipe.yaml"))
        everything = files + sorted(
            os.path.relpath(os.path.join(directory, name_), prefix)
            for directory, _, names in os.walk(info) for name_ in names)
        os.makedirs(out_dir, exist_ok=True)
        filename = f"{name}-{version}-{build}.conda"
        api.create(prefix, everything, filename, out_dir)
        size = os.path.getsize(os.path.join(out_dir, filename))
        print(f"{os.path.join(out_dir, filename)}: {size / 1048576:.1f} MB")


if __name__ == "__main__":
    main()
