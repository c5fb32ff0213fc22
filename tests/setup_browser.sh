#!/usr/bin/env bash
# Debian's Chromium and its driver, for tests/test_review.py. Needs root (as CI has);
# without them that test is skipped.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "setup_browser: not root; the browser test will be skipped" >&2; exit 0; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
