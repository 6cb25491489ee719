#!/usr/bin/env bash
# Installs the Debian packages tagdyr needs, if they are missing: Pango for the PDF
# collection (WeasyPrint), and for the test suite a PostgreSQL server (the tests start their
# own throwaway cluster) and Chromium (Playwright drives Debian's build; it never downloads
# a browser), and for both Tesseract with the languages of the scanned lists (kk, ru, en, de, fr,
# no, and the orientation model). `system-deps.sh pdf` installs only what the demo needs (Pango
# and Tesseract).
set -euo pipefail
missing=()
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
for lang in kaz rus eng deu fra nor osd; do
  ls /usr/share/tesseract-ocr/*/tessdata/$lang.traineddata >/dev/null 2>&1 || missing+=("tesseract-ocr-$lang")
done
if [ "${1:-all}" != "pdf" ]; then
  # the scans' tests and benchmark draw their pages in DejaVu Sans Mono and DejaVu Serif
  ls /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "error: need root (or sudo) to install ${missing[*]}; install them and re-run make test" >&2
    exit 1
  fi
else
  SUDO=
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
