# Thin wrappers; CI (.ci/run) calls the same targets.
SWIFT ?= swift
PREFIX ?= /usr/local
EXAMPLE := Plugins/ExamplePlugin

.PHONY: build example-plugin test release install bench demo clean

# The host, the shared AnacondaKit libraries and the repository's plugins; the top-level manifest is copied next
# to the binary so `swift build` output finds its plugins.
build:
	$(SWIFT) build
	cp plugin-manifest.json .build/debug/plugin-manifest.json

# The third-party-style example plugin package (its own package, built against the public products).
example-plugin:
	cd $(EXAMPLE) && $(SWIFT) build

test: build example-plugin
	$(SWIFT) test

release:
	$(SWIFT) build -c release
	cp plugin-manifest.json .build/release/plugin-manifest.json

install: release
	scripts/install.sh --prefix "$(PREFIX)" --build-dir .build/release

bench:
	bench/run.sh

demo: build example-plugin
	scripts/demo.sh

clean:
	rm -rf .build $(EXAMPLE)/.build
