// Browser tests of phonecertd's web UI in Debian's headless Chromium, driven by playwright-core
// (no browser download). tests/integration/web_browser.sh starts the daemon and passes:
//   PHONECERTD_URL, PHONECERTD_PASSWORD, PHONECERT_TEST_DATA, SCREENSHOT_DIR, PROVISION_URL
// The steps run in order in one browser profile: log in, upload a CA and see it in the table,
// change the three drop-downs and confirm, upload a bad file and read the error, upload a device
// PEM and see the page served with it, delete, provision now from a real nginx, log out. Every page is saved as a screenshot and
// every response the browser receives is checked for private keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { chromium } from 'playwright-core';

const base = process.env.PHONECERTD_URL;
const password = process.env.PHONECERTD_PASSWORD;
const data = process.env.PHONECERT_TEST_DATA;
const shots = process.env.SCREENSHOT_DIR;
const provisionUrl = process.env.PROVISION_URL;  // an nginx serving y000000000000.cfg
assert.ok(base && password && data && shots && provisionUrl,
  'PHONECERTD_URL, PHONECERTD_PASSWORD, PHONECERT_TEST_DATA, SCREENSHOT_DIR and PROVISION_URL are needed');
const port = Number(new URL(base).port);
mkdirSync(shots, { recursive: true });

let context;
let page;
let profile;
const served = [];  // [url, body] of every response

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'phonecert-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,  // the development vendor CA is not trusted by the browser
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('dialog', (dialog) => dialog.accept());  // "Delete ...?" confirmations
  page.on('response', async (response) => {
    try { served.push([response.url(), await response.text()]); } catch { /* redirects have no body */ }
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const message = () => page.locator('#message').innerText();
const sha256Of = (file) => new X509Certificate(readFileSync(file)).fingerprint256;

// The certificate a new TLS connection is served (no session reuse).
function servedFingerprint() {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: 'localhost' }, () => {
      const fp = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fp);
    });
    socket.on('error', reject);
  });
}

test('a visitor without a session is sent to the login page', async () => {
  await page.goto(`${base}/security/trusted-certificates`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await shot('01-login');
});

test('a wrong password is refused with one sentence', async () => {
  await page.fill('#username', 'admin');
  await page.fill('#password', 'not-the-password');
  await page.click('#login');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await message(), 'The user name or the password is wrong.');
});

test('log in', async () => {
  await page.fill('#username', 'admin');
  await page.fill('#password', password);
  await page.click('#login');
  assert.equal(new URL(page.url()).pathname, '/security/trusted-certificates');
  assert.match(await page.locator('h1').innerText(), /Trusted Certificates/);
  const cookies = await context.cookies(base);
  const session = cookies.find((c) => c.name === 'phonecert_session');
  assert.ok(session, 'session cookie set');
  assert.equal(session.secure, true);
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  await shot('02-trusted-certificates-empty');
});

test('upload a CA and see it in the table', async () => {
  await page.setInputFiles('#upload-trusted input[type=file]', join(data, 'root-rsa.pem'));
  await page.click('#upload-trusted button[type=submit]');
  assert.match(await message(), /^Added 1 certificate: "Phonecert Test Root RSA"/);
  const rows = page.locator('#trusted-table tbody tr');
  assert.equal(await rows.count(), 1);
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.equal(cells[0], '1');
  assert.equal(cells[1], 'Phonecert Test Root RSA');
  assert.equal(cells[2], 'Phonecert Test Root RSA');
  assert.equal(cells[3], '2099-12-31');
  await shot('03-trusted-certificates-uploaded');
});

test('change the three drop-downs and confirm', async () => {
  await page.selectOption('#static-security-trust_certificates', { label: 'Disabled' });
  await page.selectOption('#static-security-cn_validation', { label: 'Enabled' });
  await page.selectOption('#static-security-ca_cert', { label: 'Custom Certificates' });
  await page.click('#confirm-settings');
  assert.match(await message(), /^Saved\./);
  await page.reload();
  assert.equal(await page.inputValue('#static-security-trust_certificates'), '0');
  assert.equal(await page.inputValue('#static-security-cn_validation'), '1');
  assert.equal(await page.inputValue('#static-security-ca_cert'), '1');
  const settings = await page.evaluate(async () => (await fetch('/api/v1/settings')).json());
  assert.equal(settings.settings['static.security.trust_certificates'], '0');
  assert.equal(settings.settings['static.security.cn_validation'], '1');
  assert.equal(settings.settings['static.security.ca_cert'], '1');
  await shot('04-trusted-certificates-settings');
});

test('upload a bad file and read the error; nothing changes', async () => {
  await page.setInputFiles('#upload-trusted input[type=file]', join(data, 'garbage.bin'));
  await page.click('#upload-trusted button[type=submit]');
  const text = await message();
  assert.match(text, /^"garbage\.bin" was refused: .+\. Nothing was changed\.$/);
  assert.equal(await page.locator('#message').getAttribute('role'), 'alert');
  assert.equal(await page.locator('#trusted-table tbody tr').count(), 1);
  await shot('05-trusted-certificates-error');
});

test('a file over 5 MB is stopped before it is sent', async () => {
  let uploads = 0;
  const count = (request) => { if (request.method() === 'POST') uploads += 1; };
  page.on('request', count);
  await page.setInputFiles('#upload-trusted input[type=file]',
    { name: 'huge.pem', mimeType: 'application/x-pem-file', buffer: Buffer.alloc(6 * 1024 * 1024, 65) });
  await page.click('#upload-trusted button[type=submit]');
  assert.match(await message(), /"huge\.pem" is 6\.0 MB; the limit is 5\.0 MB\. Nothing was changed\./);
  page.off('request', count);
  assert.equal(uploads, 0);
});

test('the built-in list is shown read-only', async () => {
  await page.click('#builtin-link');
  assert.equal(new URL(page.url()).pathname, '/security/trusted-certificates/builtin');
  assert.ok(await page.locator('#builtin-table tbody tr').count() > 10);
  assert.equal(await page.locator('#builtin-table button').count(), 0);
  await shot('06-builtin-certificates');
});

test('upload a device PEM, select Custom, and the server presents it', async () => {
  await page.click('nav a[href="/security/server-certificates"]');
  assert.equal(await page.locator('#active .kind').innerText().then((t) => t.startsWith('unique')), true);
  await shot('07-server-certificates-default');
  const before = await servedFingerprint();
  await page.setInputFiles('#upload-device input[type=file]', join(data, 'device-bundle.pem'));
  await page.click('#upload-device button[type=submit]');
  assert.match(await message(), /^Installed the custom certificate "server\.test"\./);
  assert.equal(await servedFingerprint(), before, 'not in use until selected');
  await page.selectOption('#static-security-dev_cert', { label: 'Custom Certificates' });
  await page.click('#confirm-device');
  assert.match(await message(), /using the custom certificate/);
  const expected = sha256Of(join(data, 'leaf-san.pem'));
  assert.equal(await servedFingerprint(), expected);
  assert.equal(await page.locator('#active .issued-to').innerText(), 'server.test');
  assert.equal(await page.locator('#active .sha256').innerText(), expected);
  // A new connection from the browser (another host name: no reused connection or TLS session).
  const response = await page.goto(`https://localhost:${port}/login`);
  const details = await response.securityDetails();
  assert.equal(details.subjectName, 'server.test');
  assert.equal(details.issuer, 'Phonecert Test Issuing CA');
  await page.goto(`${base}/security/server-certificates`);
  await shot('08-server-certificates-custom');
});

test('delete the custom certificate and the CA', async () => {
  await page.click('#delete-custom');
  assert.match(await message(), /^Deleted the custom certificate\./);
  assert.notEqual(await servedFingerprint(), sha256Of(join(data, 'leaf-san.pem')));
  assert.equal(await page.locator('#custom-certificate .empty').count(), 1);
  await page.click('nav a[href="/security/trusted-certificates"]');
  await page.click('#trusted-table tbody tr button');
  assert.equal(await message(), 'Deleted "Phonecert Test Root RSA".');
  assert.match(await page.locator('#trusted-table tbody').innerText(), /No custom CA certificates/);
  await shot('09-trusted-certificates-deleted');
});

test('auto provision page: save the server, provision now, read the report', async (t) => {
  await page.click('nav a[href="/settings/auto-provision"]');
  await page.fill('#static-auto_provision-server-url', provisionUrl);
  await page.fill('#static-auto_provision-server-username', 'phone');
  await page.fill('#static-auto_provision-server-password', 'prov-secret-42');
  await page.click('#save');
  assert.match(await message(), /^Saved\./);
  assert.doesNotMatch(await page.content(), /prov-secret-42/);
  assert.equal(await page.inputValue('#static-auto_provision-server-password'), '');
  assert.equal(await page.inputValue('#static-auto_provision-server-url'), provisionUrl);
  if (await page.locator('#provision').isDisabled()) {
    await shot('10-auto-provision');
    t.skip('auto-provisioning is not available in this build');
    return;
  }
  await page.click('#provision');
  assert.match(await message(), /^Applied: .*1 trusted certificate added/);
  assert.match(await page.locator('#last-round .result').innerText(), /applied/);
  assert.match(await page.locator('#last-round .summary').innerText(), /1 trusted certificate added/);
  await shot('10-auto-provision');
  await page.click('nav a[href="/security/trusted-certificates"]');
  assert.equal(await page.locator('#trusted-table tbody tr td:nth-child(2)').first().innerText(),
               'Phonecert Test Root EC');
});

test('log out', async () => {
  await page.click('#logout');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await message(), 'You have logged out.');
  await shot('11-logged-out');
  await page.goto(`${base}/security/server-certificates`);
  assert.equal(new URL(page.url()).pathname, '/login');
});

test('no response the browser received held a private key or a password', () => {
  assert.ok(served.length > 20, `only ${served.length} responses recorded`);
  for (const [url, body] of served) {
    assert.doesNotMatch(body, /PRIVATE KEY/, url);
    assert.doesNotMatch(body, /prov-secret-42/, url);
  }
});
