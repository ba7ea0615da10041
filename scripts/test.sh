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
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (needed by the tests)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo test --release
