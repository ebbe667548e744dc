#!/usr/bin/env bash
# Picks the built-in trust anchors (the public roots a Skype-for-Business class phone needs) from
# Debian's ca-certificates and writes them, normalised, into data/builtin-anchors/:
#   <slug>.pem      one certificate each, PEM as `openssl x509` writes it
#   MANIFEST.tsv    header line, then one row per anchor (tab-separated):
#                   file name, display name, SHA-256 of the DER (lower-case hex), not-after (ISO 8601)
# The build embeds exactly these committed files and checks them against the manifest, so the
# built-in set does not depend on the build machine. Run this script, review the diff, commit.
#
# Usage: scripts/update-builtin-anchors.sh [--source DIR] [--out DIR]
#   --source  folder of Mozilla roots as Debian ships them (default /usr/share/ca-certificates/mozilla)
#   --out     folder to write (default data/builtin-anchors in this repository)
# A wanted root that the source does not hold is reported on stderr and skipped.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source_dir=/usr/share/ca-certificates/mozilla
out_dir=$repo/data/builtin-anchors
while (($#)); do
  case $1 in
    --source) source_dir=$2; shift 2 ;;
    --out) out_dir=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "update-builtin-anchors: unknown argument $1" >&2; exit 2 ;;
  esac
done

# The wanted roots, by their Mozilla label (Debian names the file after it: spaces become '_').
WANTED=(
  "Baltimore CyberTrust Root"
  "DigiCert Global Root CA"
  "DigiCert Global Root G2"
  "DigiCert Global Root G3"
  "DigiCert Assured ID Root CA"
  "DigiCert Assured ID Root G2"
  "DigiCert Assured ID Root G3"
  "DigiCert High Assurance EV Root CA"
  "DigiCert Trusted Root G4"
  "DigiCert TLS RSA4096 Root G5"
  "DigiCert TLS ECC P384 Root G5"
  "Entrust Root Certification Authority"
  "Entrust.net Premium 2048 Secure Server CA"
  "Entrust Root Certification Authority - G2"
  "Entrust Root Certification Authority - EC1"
  "Entrust Root Certification Authority - G4"
  "GlobalSign Root CA"
  "GlobalSign Root CA - R3"
  "GlobalSign Root CA - R6"
  "GlobalSign ECC Root CA - R5"
  "Go Daddy Root Certificate Authority - G2"
  "Starfield Root Certificate Authority - G2"
  "Starfield Services Root Certificate Authority - G2"
  "USERTrust RSA Certification Authority"
  "USERTrust ECC Certification Authority"
  "COMODO RSA Certification Authority"
  "COMODO ECC Certification Authority"
  "Comodo AAA Services root"
  "ISRG Root X1"
  "ISRG Root X2"
  "Microsoft RSA Root Certificate Authority 2017"
  "Microsoft ECC Root Certificate Authority 2017"
  "Amazon Root CA 1"
  "Amazon Root CA 2"
  "Amazon Root CA 3"
  "Amazon Root CA 4"
  "IdenTrust Commercial Root CA 1"
  "QuoVadis Root CA 2 G3"
  # Roots older Lync / Skype-for-Business phones shipped that Mozilla has since removed.
  "VeriSign Class 3 Public Primary Certification Authority - G5"
  "GeoTrust Global CA"
  "thawte Primary Root CA"
)

[[ -d $source_dir ]] || { echo "update-builtin-anchors: $source_dir does not exist" >&2; exit 1; }
command -v openssl >/dev/null || { echo "update-builtin-anchors: openssl is needed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

slug() { tr '[:upper:]' '[:lower:]' <<<"$1" | sed -E 's/[^a-z0-9]+/-/g; s/^-+//; s/-+$//'; }

missing=()
rows=()
for label in "${WANTED[@]}"; do
  src=$source_dir/${label// /_}.crt
  if [[ ! -f $src ]]; then
    missing+=("$label")
    echo "update-builtin-anchors: missing from $source_dir: $label" >&2
    continue
  fi
  file=$(slug "$label").pem
  if ! openssl x509 -in "$src" -outform PEM -out "$work/$file" 2>"$work/err"; then
    echo "update-builtin-anchors: cannot read $src: $(head -1 "$work/err")" >&2
    exit 1
  fi
  sha=$(openssl x509 -in "$work/$file" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' |
        tr '[:upper:]' '[:lower:]')
  not_after=$(openssl x509 -in "$work/$file" -noout -enddate -dateopt iso_8601 |
              sed -E 's/^notAfter=//; s/ /T/')
  rows+=("$file"$'\t'"$label"$'\t'"$sha"$'\t'"$not_after")
done

((${#rows[@]})) || { echo "update-builtin-anchors: no wanted root found in $source_dir" >&2; exit 1; }

{
  printf 'file\tname\tsha256\tnot_after\n'
  printf '%s\n' "${rows[@]}" | LC_ALL=C sort
} >"$work/MANIFEST.tsv"

mkdir -p "$out_dir"
rm -f "$out_dir"/*.pem
cp "$work"/*.pem "$work/MANIFEST.tsv" "$out_dir"/

echo "update-builtin-anchors: ${#rows[@]} anchors written to $out_dir"
if ((${#missing[@]})); then
  echo "update-builtin-anchors: ${#missing[@]} wanted roots are not in $source_dir:" \
       "$(IFS=';'; echo "${missing[*]}" | sed 's/;/; /g')"
fi
