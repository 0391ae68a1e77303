#!/usr/bin/env bash
# The lexicon's sources: Debian's Kazakh and Russian interface translations of LibreOffice, Firefox ESR and Thunderbird
# (all MPL-2.0), downloaded (not installed) and unpacked under DIR. Then:
#   dotnet run -c Release --project Bot.Bench -- build-lexicon --from DIR
set -euo pipefail
dir="${1:-/tmp/ru-kk-sources}"
mkdir -p "$dir/debs" "$dir/tree" "$dir/xpi"
cd "$dir/debs"
for lang in kk ru; do
  apt-get download "libreoffice-l10n-$lang" "firefox-esr-l10n-$lang" "thunderbird-l10n-$lang"
done
for deb in *.deb; do dpkg-deb -x "$deb" "$dir/tree"; done
find "$dir/tree" -name 'langpack-*.xpi' | while read -r xpi; do
  app=$(basename "$(dirname "$(dirname "$xpi")")")
  out="$dir/xpi/$app-$(basename "$xpi" .xpi)"
  mkdir -p "$out" && unzip -q -o "$xpi" -d "$out"
done
ls "$dir/debs" > "$dir/PACKAGES"
echo "sources in $dir (packages listed in $dir/PACKAGES)"
