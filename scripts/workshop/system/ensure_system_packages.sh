#!/usr/bin/env bash
# Makes sure the system packages that the engine's checks need are present: Chromium (headless
# browser: printing handouts, accessibility), a Java runtime (the W3C Nu HTML validator), Hunspell
# with British and American dictionaries (spelling, in the site's language), Cairo (figures on
# slides), LibreOffice Impress with poppler-utils (the slide deck opened, printed and measured in a
# real client) and fonts.
#
# It installs what is missing with apt-get where it may: as root, or through sudo where sudo works
# without a password (a GitHub-hosted runner, a Codespace); otherwise it stops and says exactly what
# to install. With --browser, only what printing handouts needs (Chromium and fonts).
#
# WORKSHOP_SYSTEM_ROOT (default: empty, meaning /) is a folder under which the files are looked for;
# the tests use it, with stub commands first on PATH, to run this script as it would run elsewhere.
set -euo pipefail

browser_only=false
[ "${1:-}" = "--browser" ] && browser_only=true
prefix="${WORKSHOP_SYSTEM_ROOT:-}"

have() { command -v "$1" >/dev/null 2>&1; }
present() { [ -e "$prefix$1" ]; }

missing=()
find_chromium() {
  for candidate in "${CHROMIUM:-}" /usr/bin/chromium-headless-shell /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$candidate" ] && [ -x "$prefix$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
find_chromium >/dev/null || missing+=(chromium)
# Fonts so that printed handouts and screenshots render text the same everywhere.
present /usr/share/fonts/truetype/dejavu || missing+=(fonts-dejavu-core)
if ! $browser_only; then
  have java || missing+=(default-jre-headless)
  # Cairo, with which the slide decks draw the site's SVG figures (make slides, CairoSVG).
  present /usr/lib/x86_64-linux-gnu/libcairo.so.2 || present /usr/lib/aarch64-linux-gnu/libcairo.so.2 \
    || present /usr/lib/libcairo.so.2 || missing+=(libcairo2)
  # Hunspell and its dictionaries, for the spelling check in the site's language (en-GB or en-US).
  have hunspell || missing+=(hunspell)
  present /usr/share/hunspell/en_GB.dic || missing+=(hunspell-en-gb)
  present /usr/share/hunspell/en_US.dic || missing+=(hunspell-en-us)
  # LibreOffice Impress, in which the slide tests open the deck and print it to PDF, and
  # poppler-utils (pdftotext, pdftoppm), which read back what it drew.
  have soffice || missing+=(libreoffice-impress)
  have pdftotext || missing+=(poppler-utils)
  # Liberation Sans, the metric twin of Arial, the deck's type, so LibreOffice lays it out as PowerPoint does.
  present /usr/share/fonts/truetype/liberation2 || present /usr/share/fonts/truetype/liberation || missing+=(fonts-liberation2)
fi

# Chromium's headless build, where the system offers it (Debian does): the same engine without the
# browser around it, which prints and checks pages with less processor time. Optional.
optional=()
{ [ -n "${CHROMIUM:-}" ] && [ -x "$prefix${CHROMIUM}" ]; } || [ -x "$prefix/usr/bin/chromium-headless-shell" ] \
  || optional+=(chromium-headless-shell)

# How to install: as root, or with sudo that needs no password; never by asking for one.
as_root=()
can_install=false
if have apt-get; then
  if [ "$(id -u)" -eq 0 ]; then
    can_install=true
  elif have sudo && sudo -n true >/dev/null 2>&1; then
    can_install=true
    as_root=(sudo -n)
  fi
fi
apt() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }

if [ ${#missing[@]} -eq 0 ]; then
  if $can_install && [ ${#optional[@]} -gt 0 ] && apt-cache show "${optional[@]}" >/dev/null 2>&1; then
    echo "Installing system packages: ${optional[*]}"
    apt install -y -qq --no-install-recommends "${optional[@]}" >/dev/null \
      || echo "(${optional[*]} could not be installed; Chromium itself is used)"
  fi
  exit 0
fi

if $can_install; then
  apt update -qq
  if [ ${#optional[@]} -gt 0 ] && apt-cache show "${optional[@]}" >/dev/null 2>&1; then
    missing+=("${optional[@]}")
  fi
  echo "Installing system packages${as_root:+ with sudo}: ${missing[*]}"
  apt install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
The checks need these system packages, which are missing: ${missing[*]}
On Debian or Ubuntu, install them with:
    sudo apt-get install ${missing[*]}
Elsewhere, install Chromium (or set CHROMIUM=/path/to/chrome), a Java 11+ runtime, Hunspell with the
en_GB and en_US dictionaries, Cairo, and LibreOffice (its soffice command) with poppler (pdftotext).
MSG
exit 1
