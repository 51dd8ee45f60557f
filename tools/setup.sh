#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for formgen: LibreOffice (headless; Calc opens the CSV in tests) with Python's uno module,
# Japanese fonts mapped to the names the templates use, Chromium (for the dashboard test), and the
# virtualenv .venv with formgen installed. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui python3-uno python3-venv python3-pip fonts-ipaexfont fonts-noto-cjk
              fontconfig poppler-utils chromium)
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

FONT_CONF=tools/fontconfig/60-formgen-japanese.conf
if [ "$(id -u)" -eq 0 ]; then target=/etc/fonts/conf.d/60-formgen-japanese.conf
else target="$HOME/.config/fontconfig/conf.d/60-formgen-japanese.conf"; mkdir -p "$(dirname "$target")"; fi
if ! cmp -s "$FONT_CONF" "$target" 2>/dev/null; then
  cp "$FONT_CONF" "$target" && fc-cache -f >/dev/null
fi
# LibreOffice takes its font substitutions from fontconfig: the PDFs show what fc-match shows.
for face in "ＭＳ 明朝" "ＭＳ ゴシック"; do
  fc-match "$face" | grep -q "IPAex" || echo "formgen setup: warning: fc-match \"$face\" does not give IPAex ($(fc-match "$face"))" >&2
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
echo "formgen setup: ready ($(.venv/bin/formgen --version))"
