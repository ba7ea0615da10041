#!/usr/bin/env bash
# Runs the whole test suite in the release profile (a debug Typst is ~20x slower, and one
# profile builds the dependencies once). The integration tests read the PDFs back with
# poppler-utils (pdftotext, pdfinfo, pdffonts) and qpdf: install them when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in pdftotext pdfinfo pdffonts; do
  command -v "$tool" >/dev/null 2>&1 || { missing+=(poppler-utils); break; }
done
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
# tests/html.rs runs axe-core over the web pages in headless Chromium: Debian's chromium and
# Node.js with npm (the npm packages are installed below).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (needed by the tests)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# axe-core and puppeteer-core (which drives the system Chromium, downloading none), at the
# versions of tests/browser/package-lock.json, kept in the git-ignored tests/browser/node_modules.
if [ ! -d tests/browser/node_modules/axe-core ] || [ ! -d tests/browser/node_modules/puppeteer-core ]; then
  echo "installing axe-core and puppeteer-core into tests/browser/node_modules (needed by the tests)"
  (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi

cargo test --release
