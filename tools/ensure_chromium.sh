#!/bin/sh
# Installs Debian's chromium for the HTML report's browser tests (tests/report/test_html_browser.py).
# Playwright drives this system browser; `playwright install` is never run (it downloads its own build).
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "tools/ensure_chromium.sh: /usr/bin/chromium is missing; run as root, or: sudo apt-get install chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
