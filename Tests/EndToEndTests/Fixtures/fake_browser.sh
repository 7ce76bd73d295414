#!/bin/sh
# $BROWSER for the tests: returns at once, the scripted visit happens in the background.
# FAKE_BROWSER_MODE and FAKE_BROWSER_CA come from the test's environment.
python3 "$(dirname "$0")/fake_browser.py" "${FAKE_BROWSER_MODE:-normal}" "$FAKE_BROWSER_CA" "$1" >/dev/null 2>&1 &
