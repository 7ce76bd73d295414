# Thin wrappers; CI (.ci/run) calls the same targets.
SWIFT ?= swift
PREFIX ?= /usr/local
EXAMPLE := Plugins/ExamplePlugin

REFERENCE := .build-reference

.PHONY: format lint build example-plugin example-program web-example web-demo reference packaging-tools browser-tools test web-test docs release install bench demo clean fuzz fuzz-build dist conda-package

# The host, the shared libraries (Packages/) and the repository's plugins; the top-level manifest is copied next
# to the binary so `swift build` output finds its plugins.
build:
	$(SWIFT) build
	$(SWIFT) build --product AnacondaHTTPTransport
	cp plugin-manifest.json .build/debug/plugin-manifest.json

# The third-party-style example plugin package (its own package, built against the public products).
example-plugin:
	cd $(EXAMPLE) && $(SWIFT) build

# The Python reference (anaconda-auth 0.15.3) in a venv, for the interoperability tests and the benchmarks.
reference: $(REFERENCE)/bin/anaconda

$(REFERENCE)/bin/anaconda:
	python3 -m venv $(REFERENCE)
	$(REFERENCE)/bin/pip install --quiet --disable-pip-version-check \
		anaconda-auth==0.15.3 anaconda-cli-base==0.9.1 typer==0.20.1 click==8.3.1

# The packaging tools (conda-package-handling, py-rattler, PyYAML from PyPI) for the conda package and its test.
PACKAGING := .build-packaging
packaging-tools: $(PACKAGING)/bin/python

$(PACKAGING)/bin/python:
	python3 -m venv $(PACKAGING)
	$(PACKAGING)/bin/pip install --quiet --disable-pip-version-check conda-package-handling py-rattler pyyaml

# The browser test's Python side: selenium (PyPI) in a venv. Chromium and chromedriver are Debian's `chromium` and
# `chromium-driver` (scripts/setup.sh); selenium is pointed at /usr/bin/chromedriver, so it downloads nothing.
BROWSER := .build-browser
browser-tools: $(BROWSER)/selenium-installed

$(BROWSER)/selenium-installed:
	python3 -m venv $(BROWSER)
	$(BROWSER)/bin/pip install --quiet --disable-pip-version-check selenium==4.51.0
	touch $@

# "Sign in with Anaconda" end to end in headless Chromium (Tests/Browser/test_web_sign_in.py) against the debug
# builds of anaconda-local-server (.build/debug, or BIN=...) and Examples/WebExample (or WEB_EXAMPLE_BIN=...).
web-test: browser-tools
	$(BROWSER)/bin/python Tests/Browser/test_web_sign_in.py

# The example Swift program on the auth library (its own package, like a user's).
example-program:
	cd Examples/AccountExample && $(SWIFT) build

# The example web app with "Sign in with Anaconda" (its own package, like a user's).
web-example:
	cd Examples/WebExample && $(SWIFT) build

# The local server as the OIDC provider and the example web app; prints the URL to open (Ctrl-C stops).
web-demo: build web-example
	scripts/web-demo.sh

# One build with the tests (a plain `swift build` compiles without testability, so `swift test` after it would
# compile everything a second time).
test: example-plugin example-program web-example reference packaging-tools browser-tools
	$(SWIFT) build --build-tests
	cp plugin-manifest.json .build/debug/plugin-manifest.json
	$(SWIFT) test --skip-build
	$(MAKE) web-test

release:
	$(SWIFT) build -c release
	$(SWIFT) build -c release --product AnacondaHTTPTransport
	cp plugin-manifest.json .build/release/plugin-manifest.json

# A self-contained, relocatable prefix (the Swift runtime inside, relative run paths): it runs without a toolchain.
install: release
	scripts/install.sh --prefix "$(PREFIX)" --build-dir .build/release

# dist/anaconda-<version>-linux-<arch>.tar.gz (the same layout, stripped; debug information beside it).
dist: release
	scripts/dist.sh .build/release

# dist/anaconda-<version>-0.conda, from the archive (packaging/conda; conda-package-handling from PyPI).
conda-package: dist
	packaging/conda/build.sh

bench:
	bench/run.sh

# The libFuzzer targets (Fuzz/), instrumented with -sanitize=fuzzer,address in their own build folder. `make fuzz`
# runs each for FUZZ_TIME seconds; CI runs a few seconds each so the targets never rot.
FUZZ_TIME ?= 60
fuzz-build:
	mkdir -p .build-fuzz
	$(SWIFT) build --scratch-path .build-fuzz --product anaconda-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING >.build-fuzz/build.log 2>&1 \
		|| { grep -v 'Cannot export local symbol' .build-fuzz/build.log; exit 1; }

fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

# swift-format (the toolchain's `swift format`) with .swift-format: `make format` rewrites, `make lint` checks (CI).
SWIFT_SOURCES = Sources Plugins/Auth Plugins/Token Plugins/ExamplePlugin/Sources $(wildcard Packages/*/Sources) Tests \
	Examples/AccountExample/Sources Examples/WebExample/Sources Fuzz/Sources
format:
	$(SWIFT) format format --in-place --recursive $(SWIFT_SOURCES)

lint:
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)

# The DocC catalogs of the shared libraries, warnings as errors (CI runs it).
DOC_LIBRARIES = AnacondaCore AnacondaPluginAPI AnacondaAuth
docs:
	mkdir -p .build/docs
	set -e; for library in $(DOC_LIBRARIES); do \
		$(SWIFT) package --package-path Packages/$$library --allow-writing-to-directory .build/docs \
			generate-documentation --target $$library --warnings-as-errors --output-path .build/docs/$$library; \
	done

demo: build example-plugin
	scripts/demo.sh

clean:
	rm -rf .build .build-fuzz $(EXAMPLE)/.build Examples/AccountExample/.build dist
