#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for formgen: LibreOffice (headless) with Python's uno module,
# Japanese fonts and Latin fonts with the Vietnamese letters, mapped to the names the templates use,
# Chromium and its driver (for the web app tests), and the virtualenv .venv with formgen installed. Safe to run
# again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui python3-uno libjemalloc2 python3-venv python3-pip
              fonts-ipaexfont fonts-liberation2 fonts-noto-cjk fontconfig poppler-utils chromium chromium-driver)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "formgen setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$(id -u)" -eq 0 ]; then conf_dir=/etc/fonts/conf.d
else conf_dir="$HOME/.config/fontconfig/conf.d"; mkdir -p "$conf_dir"; fi
fonts_changed=""
for conf in tools/fontconfig/*.conf; do
  if ! cmp -s "$conf" "$conf_dir/$(basename "$conf")" 2>/dev/null; then
    cp "$conf" "$conf_dir/" && fonts_changed=yes
  fi
done
[ -z "$fonts_changed" ] || fc-cache -f >/dev/null
# LibreOffice takes its font substitutions from fontconfig: the PDFs show what fc-match shows.
for face in "ＭＳ 明朝:IPAex" "ＭＳ ゴシック:IPAex" "Times New Roman:Liberation" "Arial:Liberation"; do
  fc-match "${face%%:*}" | grep -q "${face##*:}" \
    || echo "formgen setup: warning: fc-match \"${face%%:*}\" does not give ${face##*:} ($(fc-match "${face%%:*}"))" >&2
done

# LibreOffice's uno module belongs to the system Python: the venv sees it through system site packages.
PYTHON=/usr/bin/python3
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import uno" 2>/dev/null; then
  rm -rf .venv
  "$PYTHON" -m venv --system-site-packages .venv
fi
stamp=.venv/.formgen-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -e ".[test]"
  touch "$stamp"
fi
# Compiled once here (where PYTHONDONTWRITEBYTECODE is set, Python would compile every module at every start).
.venv/bin/python -m compileall -q generator schemas tools benchmarks > /dev/null
echo "formgen setup: ready ($(.venv/bin/formgen --version))"
