#!/usr/bin/env bash
# Refresh the Simplified Chinese translation catalogue and compile it.
#
#   scripts/messages.sh
#
# 1. makemessages scans every app under ipweek/ (and templates) for gettext / {% translate %} /
#    {% blocktranslate %} strings and merges them into
#    ipweek/locale/zh_Hans/LC_MESSAGES/django.po. Existing translations are kept (msgmerge);
#    new strings arrive with an empty msgstr, changed ones may arrive marked "#, fuzzy".
#    Fill those in, drop the fuzzy flags, then run this script again.
# 2. compilemessages writes django.mo next to it. The .mo file is committed, so running the
#    project needs no gettext.
#
# Re-runnable: safe to run any number of times.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ipweek="$root/.venv/bin/ipweek"
if [[ ! -x "$ipweek" ]]; then
  echo "messages: $ipweek not found; create the virtualenv first" >&2
  exit 1
fi

# makemessages writes into the first LOCALE_PATHS entry (ipweek/locale) when it exists.
mkdir -p ipweek/locale

"$ipweek" makemessages -l zh_Hans --no-location \
  --ignore '.venv/*' --ignore 'var/*' --ignore 'artifacts/*'

po="ipweek/locale/zh_Hans/LC_MESSAGES/django.po"
if [[ ! -f "$po" ]]; then
  echo "messages: expected $po, but makemessages did not write it" >&2
  exit 1
fi

"$ipweek" compilemessages -l zh_Hans \
  --ignore '.venv/*' --ignore 'var/*' --ignore 'artifacts/*'

# Report what still needs a translator (the header entry is always "untranslated").
if command -v msgattrib >/dev/null; then
  untranslated="$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)"
  fuzzy="$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)"
  # msgattrib prints the header as an entry of its own whenever it prints anything.
  [[ "$untranslated" -gt 0 ]] && untranslated=$((untranslated - 1))
  [[ "$fuzzy" -gt 0 ]] && fuzzy=$((fuzzy - 1))
  echo "messages: $po — $untranslated untranslated, $fuzzy fuzzy"
fi
