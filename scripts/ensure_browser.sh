#!/usr/bin/env bash
# Make sure a headless Chromium exists for the HTML tests (Debian's `chromium`). Installs it only where we may
# (root with apt-get, e.g. CI); elsewhere it says how, and the browser tests skip with that reason.
set -u
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "could not install chromium; the browser tests will be skipped"
else
  echo "no chromium found: install it (e.g. 'sudo apt-get install chromium') to run the browser tests"
fi
exit 0
