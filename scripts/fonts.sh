#!/usr/bin/env bash
# Free substitutes for the commercial fonts GB/T 9704 names (仿宋_GB2312, 楷体_GB2312, 黑体, 小标宋).
#
# Fills var/fonts/ (never committed) with:
#   fandol/      the four Fandol families, taken from Debian's texlive-lang-chinese package
#   office/      left alone: an office drops its licensed fonts here and they win
#   fonts.conf   a fontconfig file that adds both folders and maps the Chinese font names
#                to the free substitutes; ipweek/documents/fonts.py points FONTCONFIG_FILE at it.
#
# Idempotent and quick when already done. If Fandol cannot be fetched the script warns and
# carries on: Noto CJK (Debian's fonts-noto-cjk) is then the substitute.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fonts_dir="${IPWEEK_VAR_DIR:-$root/var}/fonts"
fandol_dir="$fonts_dir/fandol"
office_dir="$fonts_dir/office"
wanted=(FandolFang-Regular FandolHei-Regular FandolHei-Bold FandolKai-Regular FandolSong-Regular FandolSong-Bold)

has_fandol() {
  local name
  for name in "${wanted[@]}"; do
    [[ -s "$fandol_dir/$name.otf" ]] || return 1
  done
}

download_package() {
  # apt-get download needs the package lists; refresh them once if the first try fails.
  apt-get download -qq texlive-lang-chinese >/dev/null 2>&1 && return 0
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get download -qq texlive-lang-chinese >/dev/null 2>&1
}

extract_fandol() {
  local work="$1" name found
  (cd "$work" && download_package) || return 1
  dpkg-deb -x "$work"/texlive-lang-chinese_*.deb "$work/extract" || return 1
  mkdir -p "$fandol_dir"
  for name in "${wanted[@]}"; do
    found="$(find "$work/extract" -name "$name.otf" -print -quit)"
    [[ -n "$found" ]] || return 1
    cp "$found" "$fandol_dir/"
  done
}

fetch_fandol() {
  local work status=0
  work="$(mktemp -d)"
  extract_fandol "$work" || status=1
  rm -rf "$work"
  return "$status"
}

write_alias() {
  local family="$1"
  shift
  printf '  <alias binding="same">\n    <family>%s</family>\n    <accept>\n' "$family"
  local substitute
  for substitute in "$@"; do
    printf '      <family>%s</family>\n' "$substitute"
  done
  printf '    </accept>\n  </alias>\n'
}

write_bold_fix() {
  # Fandol's bold files declare a regular weight, so fontconfig could hand out Bold for Regular.
  local family
  for family in FandolHei FandolSong; do
    printf '  <match target="scan">\n    <test name="family"><string>%s</string></test>\n' "$family"
    printf '    <test name="style"><string>Bold</string></test>\n'
    printf '    <edit name="weight" mode="assign"><const>bold</const></edit>\n  </match>\n'
  done
}

write_fontconfig() {
  local fang=(FandolFang "Noto Serif CJK SC")
  local kai=(FandolKai "Noto Serif CJK SC")
  local hei=(FandolHei "Noto Sans CJK SC")
  local song=(FandolSong "Noto Serif CJK SC")
  local title=("Noto Serif CJK SC" FandolSong)
  local family
  {
    printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
    printf '<!-- Written by scripts/fonts.sh; do not edit, run "make fonts" again. -->\n<fontconfig>\n'
    printf '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
    printf '  <dir>%s</dir>\n  <dir>%s</dir>\n' "$office_dir" "$fandol_dir"
    printf '  <cachedir>%s</cachedir>\n' "$fonts_dir/cache"
    write_bold_fix
    for family in 仿宋_GB2312 仿宋 FangSong; do write_alias "$family" "${fang[@]}"; done
    for family in 楷体_GB2312 楷体 KaiTi; do write_alias "$family" "${kai[@]}"; done
    for family in 黑体 SimHei; do write_alias "$family" "${hei[@]}"; done
    for family in 方正小标宋简体 小标宋; do write_alias "$family" "${title[@]}"; done
    for family in 宋体 SimSun; do write_alias "$family" "${song[@]}"; done
    printf '</fontconfig>\n'
  } >"$fonts_dir/fonts.conf.new"
  if cmp -s "$fonts_dir/fonts.conf.new" "$fonts_dir/fonts.conf"; then
    rm "$fonts_dir/fonts.conf.new"
    return 1
  fi
  mv "$fonts_dir/fonts.conf.new" "$fonts_dir/fonts.conf"
}

refresh_cache() {
  # Scan rules only apply when a folder is (re)scanned, so rebuild the cache after a change.
  command -v fc-cache >/dev/null || return 0
  FONTCONFIG_FILE="$fonts_dir/fonts.conf" fc-cache -f "$office_dir" "$fandol_dir" >/dev/null 2>&1 || true
}

fetched=no
mkdir -p "$fonts_dir" "$office_dir" "$fonts_dir/cache"
if has_fandol; then
  echo "fonts: Fandol already in $fandol_dir"
elif fetch_fandol; then
  fetched=yes
  echo "fonts: Fandol copied into $fandol_dir"
else
  echo "fonts: WARNING could not fetch Fandol from texlive-lang-chinese; Noto CJK (fonts-noto-cjk) will stand in" >&2
fi
if write_fontconfig || [[ "$fetched" == yes ]]; then
  refresh_cache
  echo "fonts: wrote $fonts_dir/fonts.conf"
else
  echo "fonts: $fonts_dir/fonts.conf is up to date"
fi
