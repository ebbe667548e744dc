#!/usr/bin/env bash
# Security tests of phonecertd over real HTTPS: every page and API route refuses an
# unauthenticated request; form posts and cookie-authenticated API changes need the CSRF token;
# the session cookie's flags; wrong passwords slow down; uploads over 5 MB are refused before the
# body is read (fast 413, no memory growth); TLS 1.2+ only; security headers; logout; and no
# response ever holds a private key.
source "$(dirname "$0")/../web/lib.sh"

STATE=$WORK/state
start_daemon "$STATE"
JAR=$WORK/cookies.txt

# ---- unauthenticated requests ----
pages=(/security/trusted-certificates /security/server-certificates /settings/auto-provision
       /security/trusted-certificates/builtin /logout)
for p in "${pages[@]}"; do
  req "$URL$p"
  expect_eq "GET $p without a session is sent to the login" "$STATUS $(grep -i '^location:' "$HEADERS" | tr -d '\r' | sed 's/^[Ll]ocation: //')" "303 /login"
done
for p in /security/trusted-certificates /security/server-certificates /settings/auto-provision /logout; do
  req -X POST -F action=delete_all -F action=upload -F "file=@$DATA/root-rsa.pem" "$URL$p"
  expect_eq "POST $p without a session refused" "$STATUS" 401
done
api_routes=("GET /api/v1/settings" "PUT /api/v1/settings" "PATCH /api/v1/settings" "POST /api/v1/settings"
  "GET /api/v1/trusted-certificates" "POST /api/v1/trusted-certificates"
  "DELETE /api/v1/trusted-certificates?all=true" "DELETE /api/v1/trusted-certificates/1"
  "GET /api/v1/device-certificate" "POST /api/v1/device-certificate" "PUT /api/v1/device-certificate"
  "DELETE /api/v1/device-certificate" "GET /api/v1/provisioning" "POST /api/v1/provisioning"
  "GET /api/v1/metrics")
for r in "${api_routes[@]}"; do
  set -- $r
  req -X "$1" --data-binary @"$DATA/root-rsa.pem" "$URL$2"
  expect_eq "$r without credentials: 401 web.unauthorized" "$STATUS $(jq -r .error.code <<<"$BODY")" "401 web.unauthorized"
  req -X "$1" -u admin:wrong-password --data-binary @"$DATA/root-rsa.pem" --interface 127.0.0.3 "$URL$2"
  # 401, or 429 once this client has had its free wrong passwords
  check "$r with a wrong password: refused ($STATUS)" test "$STATUS" = 401 -o "$STATUS" = 429
done
req -H 'Authorization: Bearer abc' "$URL/api/v1/settings"
expect_eq "other auth schemes refused" "$STATUS" 401
api GET /api/v1/trusted-certificates
expect_eq "nothing was added by the refused requests" "$(jq '.custom | length' <<<"$BODY")" 0
req "$URL/static/style.css"
expect_eq "the static route needs no login" "$STATUS" 200

# ---- login form, cookie flags ----
req -c "$JAR" "$URL/login"
login_csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | sed 's/.*value="//; s/"$//')
check "login form carries a CSRF token" test ${#login_csrf} -eq 64
req -b "$JAR" -c "$JAR" -d username=admin --data-urlencode "password=$PASSWORD" "$URL/login"
expect_eq "login without the form's token refused" "$STATUS" 403
req -c "$JAR" "$URL/login"
login_csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | sed 's/.*value="//; s/"$//')
req -b "$JAR" -c "$JAR" -d "csrf=$login_csrf" -d username=admin -d password=nope "$URL/login"
expect_eq "wrong password: 401" "$STATUS" 401
expect_contains "wrong password: one sentence on the page" "$BODY" "The user name or the password is wrong."
req -c "$JAR" "$URL/login"
login_csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | sed 's/.*value="//; s/"$//')
req -b "$JAR" -c "$JAR" -d "csrf=$login_csrf" -d username=admin --data-urlencode "password=$PASSWORD" "$URL/login"
expect_eq "login: 303" "$STATUS" 303
cookie=$(grep -i '^set-cookie: phonecert_session=' "$HEADERS" | tr -d '\r')
for flag in Secure HttpOnly SameSite=Strict; do expect_contains "session cookie is $flag" "$cookie" "$flag"; done
check "the log names the login" grep -q 'web: login: user "admin" from 127.0.0.1' "$DAEMON_ERR"
req -b "$JAR" "$URL/security/trusted-certificates"
expect_eq "page with the session: 200" "$STATUS" 200
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | head -1 | sed 's/.*value="//; s/"$//')
headers=$(tr -d '\r' <"$HEADERS")
expect_contains "CSP header" "$headers" "Content-Security-Policy: default-src 'none'; script-src 'self'"
expect_contains "no framing" "$headers" "X-Frame-Options: DENY"
expect_contains "no sniffing" "$headers" "X-Content-Type-Options: nosniff"
expect_contains "pages are not cached" "$headers" "Cache-Control: no-store"

# ---- CSRF ----
req -b "$JAR" -F action=upload -F "file=@$DATA/root-rsa.pem" "$URL/security/trusted-certificates"
expect_eq "form post without the CSRF token: 403" "$STATUS" 403
req -b "$JAR" -F csrf=0123abcd -F action=upload -F "file=@$DATA/root-rsa.pem" "$URL/security/trusted-certificates"
expect_eq "form post with a wrong CSRF token: 403" "$STATUS" 403
req -b "$JAR" -d "csrf=$login_csrf" -d action=delete_all "$URL/security/trusted-certificates"
expect_eq "the login form's token is no session token: 403" "$STATUS" 403
req -b "$JAR" -d action=select -d static.security.dev_cert=1 "$URL/security/server-certificates"
expect_eq "urlencoded form without the token: 403" "$STATUS" 403
api GET /api/v1/trusted-certificates
expect_eq "refused forms changed nothing (trusted)" "$(jq '.custom | length' <<<"$BODY")" 0
api GET /api/v1/settings
expect_eq "refused forms changed nothing (dev_cert)" "$(jq -r '.settings["static.security.dev_cert"]' <<<"$BODY")" 0
req -b "$JAR" -F "csrf=$csrf" -F action=upload -F "file=@$DATA/root-rsa.pem" "$URL/security/trusted-certificates"
expect_eq "form post with the token: 303" "$STATUS" 303
api GET /api/v1/trusted-certificates
expect_eq "... and it applied" "$(jq '.custom | length' <<<"$BODY")" 1
req -b "$JAR" -X POST --data-binary @"$DATA/root-ec.pem" "$URL/api/v1/trusted-certificates"
expect_eq "API change by cookie without X-CSRF-Token: 403" "$STATUS $(jq -r .error.code <<<"$BODY")" "403 web.forbidden"
req -b "$JAR" -X POST -H "X-CSRF-Token: $csrf" --data-binary @"$DATA/root-ec.pem" "$URL/api/v1/trusted-certificates"
expect_eq "API change by cookie with X-CSRF-Token: 201" "$STATUS" 201
req -b "$JAR" "$URL/api/v1/trusted-certificates"
expect_eq "API read by cookie needs no token" "$STATUS" 200

# ---- uploads over 5 MB: refused from the headers, body never read ----
head -c 6000000 /dev/urandom >"$WORK/big.bin"
rss_before=$(vm_rss_kb)
t0=$(date +%s%N)
req -u "admin:$PASSWORD" -H 'Expect:' --limit-rate 256K --data-binary @"$WORK/big.bin" "$URL/api/v1/trusted-certificates"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_eq "6 MB API upload: 413 parse.too_large" "$STATUS $(jq -r .error.code <<<"$BODY")" "413 parse.too_large"
check "... answered in ${ms} ms, long before the body could be sent (about 23 s at 256 KB/s)" test "$ms" -lt 4000
t0=$(date +%s%N)
req -b "$JAR" -H 'Expect:' --limit-rate 256K -F "csrf=$csrf" -F action=upload -F "file=@$WORK/big.bin" "$URL/security/server-certificates"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_eq "6 MB page upload: 413" "$STATUS" 413
expect_contains "... with one sentence on the page" "$BODY" "the limit is 5.0 MB for a certificate file. Nothing was changed."
check "... answered in ${ms} ms" test "$ms" -lt 4000
req -u "admin:$PASSWORD" --data-binary @"$WORK/big.bin" "$URL/api/v1/device-certificate"
expect_eq "6 MB with Expect: 100-continue: 413 before the body" "$STATUS" 413
# Declared lengths are refused from the headers: the bodies are never read. Three more rounds of
# the same three uploads make 12 bodies of 6 MB (72 MB). Had any body been read, it would stay
# resident (the sanitizer build keeps freed memory in quarantine); each request's own bookkeeping
# (TLS handshake, headers; a few hundred KB under ASan) stays far below a third of a body.
uploads=3
for round in 1 2 3; do
  req -u "admin:$PASSWORD" -H 'Expect:' --data-binary @"$WORK/big.bin" "$URL/api/v1/trusted-certificates"
  req -b "$JAR" -H 'Expect:' -F "csrf=$csrf" -F action=upload -F "file=@$WORK/big.bin" "$URL/security/server-certificates"
  req -u "admin:$PASSWORD" --data-binary @"$WORK/big.bin" "$URL/api/v1/device-certificate"
  expect_eq "round $round of three more 6 MB uploads: refused (413)" "$STATUS" 413
  uploads=$((uploads + 3))
done
rss_after=$(vm_rss_kb)
check "daemon memory grew by $((rss_after - rss_before)) KB (< 24 MB) over $uploads uploads of 6 MB with a declared length" \
  test $((rss_after - rss_before)) -lt 24576
# Without a declared length the body is read only up to the 5 MB cap, then refused.
req -u "admin:$PASSWORD" -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big.bin" "$URL/api/v1/trusted-certificates"
expect_eq "6 MB chunked (no declared length): 413" "$STATUS" 413
head -c 100000 /dev/zero | tr '\0' 'a' >"$WORK/100k.txt"
req -u "admin:$PASSWORD" -X PUT --data-binary @"$WORK/100k.txt" "$URL/api/v1/settings"
expect_eq "100 KB settings body: 413 (64 KB limit)" "$STATUS" 413
api GET /api/v1/trusted-certificates
expect_eq "the daemon still serves, nothing changed" "$STATUS $(jq '.custom | length' <<<"$BODY")" "200 2"

# ---- repeated wrong passwords slow down (client 127.0.0.2, the others are not affected) ----
# The waits after the 4th, 5th, 6th wrong password are 1, 2, 4 s (the clock counts whole seconds).
for i in 1 2 3 4 5 6; do
  req --interface 127.0.0.2 -u admin:wrong "$URL/api/v1/settings"
  if [[ $STATUS == 429 ]]; then sleep "$(grep -i '^retry-after:' "$HEADERS" | tr -dc '0-9')"; req --interface 127.0.0.2 -u admin:wrong "$URL/api/v1/settings"; fi
  expect_eq "wrong password $i: 401" "$STATUS" 401
done
req --interface 127.0.0.2 -u "admin:$PASSWORD" "$URL/api/v1/settings"
retry=$(grep -i '^retry-after:' "$HEADERS" | tr -dc '0-9' || true)
expect_eq "even the right password waits after 6 wrong ones: 429 web.rate_limited" \
  "$STATUS $(jq -r .error.code <<<"$BODY")" "429 web.rate_limited"
check "Retry-After given ($retry s)" test "${retry:-0}" -ge 1
api GET /api/v1/settings
expect_eq "another client is not slowed down" "$STATUS" 200
check "failed logins are logged with the client" grep -q 'login failed (basic auth) for user "admin" from 127.0.0.2' "$DAEMON_ERR"
sleep "$((retry + 1))"
req --interface 127.0.0.2 -u "admin:$PASSWORD" "$URL/api/v1/settings"
expect_eq "after the wait the right password works" "$STATUS" 200

# ---- TLS versions ----
check "TLS 1.1 refused" bash -c "! openssl s_client -tls1_1 -connect 127.0.0.1:$PORT </dev/null >/dev/null 2>&1"
check "TLS 1.2 accepted" bash -c "openssl s_client -tls1_2 -connect 127.0.0.1:$PORT </dev/null 2>/dev/null | grep -q 'Protocol *: TLSv1.2'"
check "TLS 1.3 accepted" bash -c "openssl s_client -tls1_3 -connect 127.0.0.1:$PORT </dev/null 2>/dev/null | grep -q 'TLSv1.3'"

# ---- logout ----
old_cookie="phonecert_session=$(awk '$6 == "phonecert_session" {print $7}' "$JAR")"
check "the cookie jar holds the session" test ${#old_cookie} -gt 70
req -b "$JAR" -c "$JAR" -d "csrf=$csrf" "$URL/logout"
expect_eq "logout: 303 to the login page" "$STATUS $(grep -i '^location:' "$HEADERS" | tr -d '\r' | sed 's/^[Ll]ocation: //')" \
  "303 /login?logged_out=1"
cookie=$(grep -i '^set-cookie: phonecert_session=' "$HEADERS" | tr -d '\r')
expect_contains "logout clears the cookie" "$cookie" "Max-Age=0"
req -H "Cookie: $old_cookie" "$URL/security/trusted-certificates"
expect_eq "the ended session no longer opens pages" "$STATUS" 303
req -H "Cookie: $old_cookie" "$URL/api/v1/settings"
expect_eq "... nor the API" "$STATUS" 401

stop_daemon
expect_eq "SIGTERM: clean exit" "$?" 0
finish
