#!/usr/bin/env bash
# System packages the tests use, from Debian: Chromium (browser tests), LibreOffice (DOCX -> PDF),
# poppler (PDF -> text/PNG), PostgreSQL (database tests). Installs only what is missing, and only
# as root with apt-get; elsewhere it says what is missing and the tests that need it skip.
set -uo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system-deps: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${need[@]}" fonts-dejavu-core >/dev/null || echo "system-deps: apt-get failed; dependent tests will skip" >&2
else
  echo "system-deps: missing ${need[*]} (install them as root); dependent tests will skip" >&2
fi
exit 0
