#!/usr/bin/env bash
# Makes sure the Debian packages that the browser tests and the HTML validator need are
# present: Chromium (headless browser), a Java runtime (W3C Nu validator), Hunspell with
# its British dictionary (spelling check), and LibreOffice Impress with poppler-utils
# (the slide deck opened, printed to PDF and measured in a real client).
# Installs them when missing and allowed (root on Debian or Ubuntu); otherwise stops
# with a message saying exactly what to install.
# With --browser, only what printing handouts needs (Chromium and fonts), not Java.
set -euo pipefail

browser_only=false
[ "${1:-}" = "--browser" ] && browser_only=true

missing=()
find_chromium() {
  for candidate in "${CHROMIUM:-}" /usr/bin/chromium-headless-shell /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
find_chromium >/dev/null || missing+=(chromium)
$browser_only || command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# Fonts so that printed handouts and screenshots render text the same everywhere.
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
# Cairo, with which the slide decks draw the site's SVG figures (make slides, CairoSVG).
$browser_only || ldconfig -p 2>/dev/null | grep 'libcairo\.so\.2' >/dev/null || missing+=(libcairo2)
# Hunspell and its British dictionary, for the spelling check of the pages (make test).
$browser_only || command -v hunspell >/dev/null 2>&1 || missing+=(hunspell)
$browser_only || [ -f /usr/share/hunspell/en_GB.dic ] || missing+=(hunspell-en-gb)
# LibreOffice Impress, in which the slide tests open the deck and print it to PDF, and
# poppler-utils (pdftotext, pdftoppm), which read back what it drew (make test).
$browser_only || command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress)
$browser_only || command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# Liberation Sans, the metric twin of Arial, the deck's type, so LibreOffice lays it out as PowerPoint does.
$browser_only || [ -d /usr/share/fonts/truetype/liberation2 ] || [ -d /usr/share/fonts/truetype/liberation ] \
  || missing+=(fonts-liberation2)

# Chromium's headless build, where the system offers it (Debian does): the same engine as
# Chromium without the browser around it, which prints and checks pages with less processor
# time. Optional: without it, Chromium itself is used.
optional=()
[ -x "${CHROMIUM:-}" ] || [ -x /usr/bin/chromium-headless-shell ] || optional+=(chromium-headless-shell)

can_install=false
[ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && can_install=true

if [ ${#missing[@]} -eq 0 ]; then
  if $can_install && [ ${#optional[@]} -gt 0 ] && apt-cache show "${optional[@]}" >/dev/null 2>&1; then
    echo "Installing Debian packages: ${optional[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null \
      || echo "(${optional[*]} could not be installed; Chromium itself is used)"
  fi
  exit 0
fi

if $can_install; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if apt-cache show "${optional[@]}" >/dev/null 2>&1; then
    missing+=("${optional[@]}")
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
The tests need these system packages, which are missing: ${missing[*]}
On Debian or Ubuntu, install them with:
    sudo apt-get install ${missing[*]}
Elsewhere, install Chromium (or set CHROMIUM=/path/to/chrome), a Java 11+ runtime and
LibreOffice (its soffice command) with poppler (pdftotext).
MSG
exit 1
