#!/usr/bin/env bash
# gen-certs.sh OUTDIR
#
# Generates the phonecert test PKI (roots, intermediates, leaves, keys, PKCS#12
# files, bundles and deliberately broken inputs) into OUTDIR using only the
# OpenSSL 3.0 command line tool. See tests/data/README.md and
# OUTDIR/MANIFEST.txt for the list of files.
#
# Properties:
#  - Validity never depends on the wall clock: all dates are fixed
#    (valid 2020-01-01..2099-12-31, expired 2001-01-01..2002-01-01,
#    not-yet-valid 2090-01-01..2099-12-31), set via `openssl ca -startdate/-enddate`.
#  - Keys and serial numbers are random at every run: tests must not depend on bytes.
#  - Idempotent: if OUTDIR/.complete is newer than this script, exits at once.
#    Concurrent invocations on the same OUTDIR are serialised with flock(1).
#  - Output is built in a private work directory and moved into OUTDIR at the end;
#    OUTDIR/.complete is written last.
set -euo pipefail

if [[ $# -ne 1 || -z $1 ]]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
mkdir -p -- "$1"
OUT=$(cd -- "$1" && pwd)

is_complete() { [[ -f $OUT/.complete && $OUT/.complete -nt $SCRIPT ]]; }
is_complete && exit 0

# Serialise concurrent runs (ctest fixture + other test scripts).
exec 9>"$OUT/.lock"
if command -v flock >/dev/null 2>&1; then
    flock 9
    is_complete && exit 0
    rm -rf "$OUT"/.work.*          # leftovers of a killed run (we hold the lock)
fi
rm -f "$OUT/.complete"

command -v openssl >/dev/null 2>&1 || { echo "gen-certs.sh: openssl not found" >&2; exit 1; }

umask 077
W=$(mktemp -d "$OUT/.work.XXXXXX")
O=$W/out        # files that end up in OUTDIR
CA=$W/ca        # throw-away `openssl ca` state
mkdir -p "$O" "$CA/newcerts"
: >"$CA/index.txt"
echo 01 >"$CA/crlnumber"
BG_PIDS=()
cleanup() {
    local p
    for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$W"
}
trap cleanup EXIT

# Fixed validity periods (no wall clock dependency).
VALID_FROM=20200101000000Z;   VALID_TO=20991231235959Z
EXPIRED_FROM=20010101000000Z; EXPIRED_TO=20020101000000Z
NOTYET_FROM=20900101000000Z;  NOTYET_TO=20991231235959Z

# Run a command quietly; on failure show its output and abort.
run() {
    local log=$W/log.$BASHPID
    if ! "$@" >"$log" 2>&1; then
        echo "gen-certs.sh: command failed: $*" >&2
        cat "$log" >&2
        exit 1
    fi
}

# ---------------------------------------------------------------------------
# Configuration files
# ---------------------------------------------------------------------------
CNF=$W/ca.cnf
cat >"$CNF" <<EOF
[ ca ]
default_ca = test_ca

[ test_ca ]
database        = $CA/index.txt
new_certs_dir   = $CA/newcerts
crlnumber       = $CA/crlnumber
rand_serial     = yes
default_md      = sha256
policy          = policy_any
unique_subject  = no
copy_extensions = none
email_in_dn     = no

[ policy_any ]
countryName            = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = optional

[ crl_ext ]
authorityKeyIdentifier = keyid:always

[ req ]
distinguished_name = req_dn
string_mask        = utf8only

[ req_dn ]
EOF

EXT=$W/ext.cnf
cat >"$EXT" <<'EOF'
[ v3_root ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ v3_int ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ v3_int_nc ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
nameConstraints        = critical, permitted;DNS:.allowed.test, excluded;DNS:bad.allowed.test

[ leaf_rich ]
basicConstraints       = CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:rich.test, IP:192.0.2.10, email:pki@rich.test, URI:https://rich.test/
crlDistributionPoints  = URI:http://crl.test/int.crl
authorityInfoAccess    = OCSP;URI:http://ocsp.test, caIssuers;URI:http://ca.test/int.crt
certificatePolicies    = 2.23.140.1.2.1, 1.3.6.1.4.1.99999.1.1
1.3.6.1.4.1.99999.2.1  = ASN1:UTF8String:hello
1.3.6.1.4.1.99999.2.2  = critical, ASN1:NULL

EOF

# leaf_section NAME KEYUSAGE EKU [SAN]
leaf_section() {
    {
        echo "[ $1 ]"
        echo "basicConstraints       = CA:FALSE"
        echo "keyUsage               = critical, $2"
        echo "extendedKeyUsage       = $3"
        echo "subjectKeyIdentifier   = hash"
        echo "authorityKeyIdentifier = keyid:always"
        if [[ -n ${4:-} ]]; then echo "subjectAltName         = $4"; fi
        echo
    } >>"$EXT"
}
KU_RSA="digitalSignature, keyEncipherment"
KU_SIG="digitalSignature"
SAN_SERVER="DNS:server.test"
leaf_section leaf_san         "$KU_RSA" serverAuth "DNS:server.test, DNS:alt.server.test, IP:127.0.0.1, IP:::1, email:admin@server.test, URI:https://server.test/"
leaf_section leaf_wild        "$KU_RSA" serverAuth "DNS:*.wild.test"
leaf_section leaf_partialwild "$KU_RSA" serverAuth "DNS:f*.wild.test"
leaf_section leaf_nosan       "$KU_RSA" serverAuth
leaf_section leaf_ip          "$KU_RSA" serverAuth "IP:127.0.0.1"
leaf_section leaf_server_rsa  "$KU_RSA" serverAuth "$SAN_SERVER"
leaf_section leaf_server_sig  "$KU_SIG" serverAuth "$SAN_SERVER"
leaf_section leaf_clientonly  "$KU_RSA" clientAuth "$SAN_SERVER"
leaf_section leaf_nc_ok       "$KU_RSA" serverAuth "DNS:www.allowed.test"
leaf_section leaf_nc_bad      "$KU_RSA" serverAuth "DNS:bad.allowed.test"

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
# genkey NAME TYPE  -> $O/NAME.key (unencrypted PKCS#8 PEM)
genkey() {
    local f=$O/$1.key
    case $2 in
        rsa2048) run openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$f" ;;
        rsa4096) run openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$f" ;;
        p256)    run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$f" ;;
        p384)    run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$f" ;;
        ed25519) run openssl genpkey -algorithm ED25519 -out "$f" ;;
        *) echo "gen-certs.sh: bad key type $2" >&2; exit 1 ;;
    esac
}

# issue NAME SUBJECT ISSUER(name|self) EXT_SECTION(""=none -> X.509 v1) FROM TO
declare -A ISSUER_OF=()
issue() {
    local name=$1 subj=$2 issuer=$3 ext=$4 from=$5 to=$6
    run openssl req -new -config "$CNF" -key "$O/$name.key" -subj "$subj" -out "$W/$name.csr"
    local args=(ca -config "$CNF" -batch -notext -preserveDN
                -startdate "$from" -enddate "$to"
                -in "$W/$name.csr" -out "$O/$name.pem")
    if [[ $issuer == self ]]; then
        args+=(-selfsign -keyfile "$O/$name.key")
    else
        args+=(-cert "$O/$issuer.pem" -keyfile "$O/$issuer.key")
    fi
    if [[ -n $ext ]]; then
        args+=(-extfile "$EXT" -extensions "$ext")
    fi
    run openssl "${args[@]}"
    ISSUER_OF[$name]=$issuer
}

# MANIFEST
MANIFEST_ENTRIES=()
desc() { MANIFEST_ENTRIES+=("$(printf '%-34s %s' "$1" "$2")"); }

to_crlf() { sed -e 's/\r$//' -e 's/$/\r/' "$1" >"$2"; }

wait_bg() {
    local p
    for p in "${BG_PIDS[@]}"; do
        wait "$p" || { echo "gen-certs.sh: background key generation failed" >&2; exit 1; }
    done
    BG_PIDS=()
}

# ---------------------------------------------------------------------------
# Keys. The slow ones (the only two RSA-4096 keys, DSA parameters) run in the
# background while the rest is generated in the foreground.
# ---------------------------------------------------------------------------
genkey root-rsa rsa4096 &
BG_PIDS+=($!)
(
    genkey leaf-rsa4096 rsa4096
    run openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$W/dsa-params.pem"
    run openssl genpkey -paramfile "$W/dsa-params.pem" -out "$O/key-dsa.pem"
    run openssl genpkey -algorithm X25519 -out "$O/key-x25519.pem"
) &
BG_PIDS+=($!)

genkey root-ec p384
genkey other-root p256
genkey int-ec p256
for k in int-rsa int-expired int-nc \
         leaf-san leaf-wild leaf-partialwild leaf-nosan leaf-ip leaf-v1 \
         leaf-expired leaf-notyet leaf-under-expired-int leaf-clientonly \
         leaf-unknown-root selfsigned leaf-nc-ok leaf-nc-bad leaf-rich; do
    genkey "$k" rsa2048
done
genkey leaf-ec256 p256
genkey leaf-ec384 p384
genkey leaf-ed25519 ed25519

# ---------------------------------------------------------------------------
# Roots and intermediates
# ---------------------------------------------------------------------------
issue root-ec    "/O=Phonecert Test/CN=Phonecert Test Root EC" self v3_root "$VALID_FROM" "$VALID_TO"
issue other-root "/CN=Phonecert Other Root"                     self v3_root "$VALID_FROM" "$VALID_TO"
issue int-ec     "/O=Phonecert Test/CN=Phonecert Test Issuing CA EC" root-ec v3_int "$VALID_FROM" "$VALID_TO"

wait_bg   # root-rsa.key, leaf-rsa4096.key, key-dsa.pem, key-x25519.pem

issue root-rsa    "/O=Phonecert Test/CN=Phonecert Test Root RSA"         self     v3_root   "$VALID_FROM"   "$VALID_TO"
issue int-rsa     "/O=Phonecert Test/CN=Phonecert Test Issuing CA"       root-rsa v3_int    "$VALID_FROM"   "$VALID_TO"
issue int-expired "/O=Phonecert Test/CN=Phonecert Expired Issuing CA"    root-rsa v3_int    "$EXPIRED_FROM" "$EXPIRED_TO"
issue int-nc      "/O=Phonecert Test/CN=Phonecert Name-Constrained CA"   root-rsa v3_int_nc "$VALID_FROM"   "$VALID_TO"

# ---------------------------------------------------------------------------
# Leaves
# ---------------------------------------------------------------------------
LEAVES=()
leaf() { issue "$@"; LEAVES+=("$1"); }
leaf leaf-san               "/CN=server.test"      int-rsa     leaf_san         "$VALID_FROM"  "$VALID_TO"
leaf leaf-wild              "/CN=*.wild.test"      int-rsa     leaf_wild        "$VALID_FROM"  "$VALID_TO"
leaf leaf-partialwild       "/CN=f*.wild.test"     int-rsa     leaf_partialwild "$VALID_FROM"  "$VALID_TO"
leaf leaf-nosan             "/CN=nosan.test"       int-rsa     leaf_nosan       "$VALID_FROM"  "$VALID_TO"
leaf leaf-ip                "/CN=127.0.0.1"        int-rsa     leaf_ip          "$VALID_FROM"  "$VALID_TO"
leaf leaf-v1                "/CN=v1.test"          int-rsa     ""               "$VALID_FROM"  "$VALID_TO"
leaf leaf-expired           "/CN=server.test"      int-rsa     leaf_server_rsa  "$EXPIRED_FROM" "$EXPIRED_TO"
leaf leaf-notyet            "/CN=server.test"      int-rsa     leaf_server_rsa  "$NOTYET_FROM" "$NOTYET_TO"
leaf leaf-under-expired-int "/CN=server.test"      int-expired leaf_server_rsa  "$VALID_FROM"  "$VALID_TO"
leaf leaf-clientonly        "/CN=server.test"      int-rsa     leaf_clientonly  "$VALID_FROM"  "$VALID_TO"
leaf leaf-ec256             "/CN=server.test"      int-ec      leaf_server_sig  "$VALID_FROM"  "$VALID_TO"
leaf leaf-ec384             "/CN=server.test"      int-ec      leaf_server_sig  "$VALID_FROM"  "$VALID_TO"
leaf leaf-ed25519           "/CN=server.test"      int-ec      leaf_server_sig  "$VALID_FROM"  "$VALID_TO"
leaf leaf-rsa4096           "/CN=server.test"      int-rsa     leaf_server_rsa  "$VALID_FROM"  "$VALID_TO"
leaf leaf-unknown-root      "/CN=server.test"      other-root  leaf_server_rsa  "$VALID_FROM"  "$VALID_TO"
leaf selfsigned             "/CN=server.test"      self        leaf_server_rsa  "$VALID_FROM"  "$VALID_TO"
leaf leaf-nc-ok             "/CN=www.allowed.test" int-nc      leaf_nc_ok       "$VALID_FROM"  "$VALID_TO"
leaf leaf-nc-bad            "/CN=bad.allowed.test" int-nc      leaf_nc_bad      "$VALID_FROM"  "$VALID_TO"
leaf leaf-rich              "/CN=rich.test"        int-rsa     leaf_rich        "$VALID_FROM"  "$VALID_TO"

# Chains: leaf then its issuer (selfsigned: just itself).
for l in "${LEAVES[@]}"; do
    if [[ ${ISSUER_OF[$l]} == self ]]; then
        cat "$O/$l.pem" >"$O/$l-chain.pem"
    else
        cat "$O/$l.pem" "$O/${ISSUER_OF[$l]}.pem" >"$O/$l-chain.pem"
    fi
done

# ---------------------------------------------------------------------------
# CRL (empty, fixed lastUpdate/nextUpdate)
# ---------------------------------------------------------------------------
run openssl ca -config "$CNF" -batch -gencrl -cert "$O/int-rsa.pem" -keyfile "$O/int-rsa.key" \
    -crlexts crl_ext -crl_lastupdate "$VALID_FROM" -crl_nextupdate "$VALID_TO" -out "$O/int-rsa.crl"

# ---------------------------------------------------------------------------
# Bundles and formats
# ---------------------------------------------------------------------------
cat "$O/leaf-san.key" "$O/leaf-san.pem" "$O/int-rsa.pem" >"$O/device-bundle.pem"
to_crlf "$O/device-bundle.pem" "$O/device-bundle-crlf.pem"
to_crlf "$O/leaf-san.pem" "$O/leaf-san-crlf.pem"

run openssl x509 -in "$O/leaf-san.pem" -outform DER -out "$O/leaf-san.der"
run openssl x509 -in "$O/root-rsa.pem" -outform DER -out "$O/root-rsa.der"
cp "$O/root-rsa.der" "$O/root-rsa.cer"
cp "$O/root-ec.pem" "$O/root-ec.crt"
{
    echo "This is a comment"
    cat "$O/root-rsa.pem"
    echo "This is a comment"
    cat "$O/root-ec.pem"
    echo "This is a comment"
    cat "$O/other-root.pem"
    echo "This is a comment"
} >"$O/bundle-roots.pem"

# ---------------------------------------------------------------------------
# PKCS#12
# ---------------------------------------------------------------------------
cat "$O/int-rsa.pem" "$O/root-rsa.pem" >"$W/p12-chain.pem"
run openssl pkcs12 -export -in "$O/leaf-san.pem" -inkey "$O/leaf-san.key" -certfile "$W/p12-chain.pem" \
    -name leaf-san -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 \
    -passout pass:secret -out "$O/leaf-san.p12"
run openssl pkcs12 -export -in "$O/leaf-san.pem" -inkey "$O/leaf-san.key" -certfile "$W/p12-chain.pem" \
    -name leaf-san -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 \
    -passout pass: -out "$O/leaf-san-nopass.p12"
run openssl pkcs12 -in "$O/leaf-san.p12" -passin pass:secret -nodes -out "$O/bag-attributes.pem"

# ---------------------------------------------------------------------------
# Private key formats
# ---------------------------------------------------------------------------
cp "$O/leaf-san.key" "$O/key-rsa-pkcs8.pem"
run openssl pkey -in "$O/leaf-san.key" -traditional -out "$O/key-rsa-trad.pem"
run openssl pkey -in "$O/leaf-ec256.key" -traditional -out "$O/key-ec-trad.pem"
run openssl pkey -in "$O/leaf-san.key" -aes-256-cbc -passout pass:secret -out "$O/key-rsa-pkcs8-enc.pem"
run openssl pkey -in "$O/leaf-san.key" -traditional -aes256 -passout pass:secret -out "$O/key-rsa-trad-enc.pem"
cp "$O/leaf-ed25519.key" "$O/key-ed25519.pem"

# ---------------------------------------------------------------------------
# Bad inputs
# ---------------------------------------------------------------------------
: >"$O/empty.pem"
run openssl rand -out "$O/garbage.bin" 4096
cat >"$O/not-a-cert.txt" <<'EOF'
This is not a certificate.
It is a plain text file used to check that the certificate parsers reject
arbitrary text input with a clean error.
EOF
# First half of the PEM: cut inside the base64 body, no END line.
size=$(wc -c <"$O/leaf-san.pem")
head -c $((size / 2)) "$O/leaf-san.pem" >"$O/truncated.pem"
cat "$O/leaf-san.der" >"$O/der-trailing-garbage.der"
printf 'JUNKJUNKJUNKJUNK' >>"$O/der-trailing-garbage.der"
cat >"$O/pem-bad-base64.pem" <<'EOF'
-----BEGIN CERTIFICATE-----
MIIB!!this*is#not$valid%base64^at&all(((
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
-----END CERTIFICATE-----
EOF
run openssl req -new -config "$CNF" -key "$O/leaf-san.key" -subj "/CN=csr.test" -out "$O/csr.pem"

# ---------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------
desc root-rsa.pem        "root CA, RSA 4096, O=Phonecert Test, CN=Phonecert Test Root RSA, 2020-2099"
desc root-rsa.key        "root-rsa private key (PKCS#8, unencrypted)"
desc root-rsa.der        "root-rsa certificate, DER"
desc root-rsa.cer        "root-rsa certificate, DER (copy with .cer extension)"
desc root-ec.pem         "root CA, EC P-384, CN=Phonecert Test Root EC, 2020-2099"
desc root-ec.key         "root-ec private key (PKCS#8, unencrypted)"
desc root-ec.crt         "root-ec certificate, PEM (copy with .crt extension)"
desc other-root.pem      "unrelated root CA nobody trusts, EC P-256, CN=Phonecert Other Root"
desc other-root.key      "other-root private key"
desc int-rsa.pem         "intermediate CA under root-rsa, RSA 2048, pathlen:0, CN=Phonecert Test Issuing CA"
desc int-rsa.key         "int-rsa private key"
desc int-ec.pem          "intermediate CA under root-ec, EC P-256, pathlen:0, CN=Phonecert Test Issuing CA EC"
desc int-ec.key          "int-ec private key"
desc int-expired.pem     "intermediate CA under root-rsa, EXPIRED (2001-01-01..2002-01-01)"
desc int-expired.key     "int-expired private key"
desc int-nc.pem          "intermediate CA under root-rsa, critical nameConstraints permitted DNS:.allowed.test, excluded DNS:bad.allowed.test"
desc int-nc.key          "int-nc private key"
desc int-rsa.crl         "empty v2 CRL issued by int-rsa, lastUpdate 2020-01-01, nextUpdate 2099-12-31"
declare -A LEAF_DESC=(
    [leaf-san]="RSA 2048 by int-rsa, CN=server.test, SAN DNS:server.test, DNS:alt.server.test, IP:127.0.0.1, IP:::1, email, URI"
    [leaf-wild]="RSA 2048 by int-rsa, CN=*.wild.test, SAN DNS:*.wild.test"
    [leaf-partialwild]="RSA 2048 by int-rsa, CN=f*.wild.test, SAN DNS:f*.wild.test"
    [leaf-nosan]="RSA 2048 by int-rsa, CN=nosan.test, no SAN"
    [leaf-ip]="RSA 2048 by int-rsa, CN=127.0.0.1, SAN IP:127.0.0.1 only"
    [leaf-v1]="RSA 2048 by int-rsa, X.509 version 1, CN=v1.test, no extensions"
    [leaf-expired]="RSA 2048 by int-rsa, SAN DNS:server.test, EXPIRED (2001-01-01..2002-01-01)"
    [leaf-notyet]="RSA 2048 by int-rsa, SAN DNS:server.test, NOT YET VALID (2090-01-01..2099-12-31)"
    [leaf-under-expired-int]="RSA 2048 by int-expired (itself valid 2020-2099), SAN DNS:server.test"
    [leaf-clientonly]="RSA 2048 by int-rsa, SAN DNS:server.test, EKU clientAuth only"
    [leaf-ec256]="EC P-256 by int-ec, SAN DNS:server.test"
    [leaf-ec384]="EC P-384 by int-ec, SAN DNS:server.test"
    [leaf-ed25519]="Ed25519 by int-ec, SAN DNS:server.test"
    [leaf-rsa4096]="RSA 4096 by int-rsa, SAN DNS:server.test"
    [leaf-unknown-root]="RSA 2048 directly by other-root (untrusted), SAN DNS:server.test"
    [selfsigned]="self-signed leaf, RSA 2048, CA:FALSE, CN=server.test, SAN DNS:server.test"
    [leaf-nc-ok]="RSA 2048 by int-nc, SAN DNS:www.allowed.test (permitted by name constraints)"
    [leaf-nc-bad]="RSA 2048 by int-nc, SAN DNS:bad.allowed.test (excluded by name constraints)"
    [leaf-rich]="RSA 2048 by int-rsa, SAN DNS/IP/email/URI, CRLDP, AIA, policies, unknown non-critical + CRITICAL unknown ext, EKU serverAuth+clientAuth"
)
for l in "${LEAVES[@]}"; do
    desc "$l.pem"       "leaf: ${LEAF_DESC[$l]}"
    desc "$l.key"       "$l private key (PKCS#8, unencrypted)"
    if [[ ${ISSUER_OF[$l]} == self ]]; then
        desc "$l-chain.pem" "$l certificate only (self-signed, no issuer)"
    else
        desc "$l-chain.pem" "$l then its issuer ${ISSUER_OF[$l]}"
    fi
done
desc device-bundle.pem      "leaf-san private key FIRST, then leaf-san cert, then int-rsa"
desc device-bundle-crlf.pem "device-bundle.pem with CRLF line endings"
desc leaf-san.der           "leaf-san certificate, DER"
desc leaf-san-crlf.pem      "leaf-san certificate, PEM with CRLF line endings"
desc bundle-roots.pem       "root-rsa + root-ec + other-root with 'This is a comment' lines before/between/after"
desc leaf-san.p12           "PKCS#12: leaf-san + key + int-rsa + root-rsa, password 'secret', AES-256-CBC, MAC sha256"
desc leaf-san-nopass.p12    "PKCS#12: same as leaf-san.p12 with empty password"
desc bag-attributes.pem     "openssl pkcs12 -nodes dump of leaf-san.p12 (Bag Attributes, subject=/issuer= lines, private key)"
desc key-rsa-pkcs8.pem      "RSA 2048 PKCS#8 unencrypted (= leaf-san.key)"
desc key-rsa-trad.pem       "RSA 2048 traditional 'BEGIN RSA PRIVATE KEY' (leaf-san key)"
desc key-ec-trad.pem        "EC P-256 traditional 'BEGIN EC PRIVATE KEY' (leaf-ec256 key)"
desc key-rsa-pkcs8-enc.pem  "RSA 2048 encrypted PKCS#8 'BEGIN ENCRYPTED PRIVATE KEY', AES-256-CBC, password 'secret' (leaf-san key)"
desc key-rsa-trad-enc.pem   "RSA 2048 traditional encrypted (Proc-Type/DEK-Info), AES-256-CBC, password 'secret' (leaf-san key)"
desc key-ed25519.pem        "Ed25519 PKCS#8 key (= leaf-ed25519.key)"
desc key-dsa.pem            "DSA 2048 PKCS#8 key (unsupported key type)"
desc key-x25519.pem         "X25519 PKCS#8 key (cannot sign: unsupported for certificates)"
desc empty.pem              "empty file (0 bytes)"
desc garbage.bin            "4096 random bytes"
desc not-a-cert.txt         "plain text, not a certificate"
desc truncated.pem          "first half of leaf-san.pem, cut in the base64 body, no END line"
desc der-trailing-garbage.der "leaf-san.der followed by 16 bytes of junk"
desc pem-bad-base64.pem     "BEGIN/END CERTIFICATE lines around invalid base64"
desc csr.pem                "a PKCS#10 certificate request (CN=csr.test), not a certificate"
desc MANIFEST.txt           "this file"
{
    echo "# Generated by tests/data/gen-certs.sh. Keys and serials are random at every run."
    echo "# Validity: valid 2020-01-01..2099-12-31, expired 2001-01-01..2002-01-01, not-yet-valid 2090-01-01..2099-12-31."
    printf '%s\n' "${MANIFEST_ENTRIES[@]}"
} >"$O/MANIFEST.txt"

# Sanity check: the manifest and the produced files must match exactly.
listed=$(printf '%s\n' "${MANIFEST_ENTRIES[@]}" | awk '{print $1}' | LC_ALL=C sort)
produced=$(cd "$O" && find . -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort)
if [[ $listed != "$produced" ]]; then
    echo "gen-certs.sh: internal error: MANIFEST.txt does not match produced files" >&2
    diff <(echo "$listed") <(echo "$produced") >&2 || true
    exit 1
fi
for f in $produced; do
    [[ -s $O/$f || $f == empty.pem ]] || { echo "gen-certs.sh: internal error: $f is empty" >&2; exit 1; }
done

# Permissions: private key material 0600, everything else 0644.
chmod 0644 "$O"/*
chmod 0600 "$O"/*.key "$O"/key-*.pem "$O"/device-bundle*.pem "$O"/bag-attributes.pem "$O"/*.p12

# Publish, then mark complete (last).
mv -f "$O"/* "$OUT"/
touch "$OUT/.complete"
