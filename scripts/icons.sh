#!/usr/bin/env sh
# Rasterises resources/icons/icon.svg to the PNG sizes electron-builder uses (Linux takes the folder; macOS and
# Windows convert the largest PNGs to .icns/.ico). Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -eu
cd "$(dirname "$0")/../resources/icons"
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "${size}x${size}.png"
done
cp 512x512.png icon.png
