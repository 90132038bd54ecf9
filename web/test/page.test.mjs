// The verification page in a real browser (Debian's chromium, headless, driven by playwright-core):
// node test/page.test.mjs PAGE_URL RPC_PORTS CASES.json
// CASES.json: [{name, file, verdict: "VALID" | "NOT VALID", checks: [{name, passed, detail}],
// expect: [words the page must show]}], and {name, holder, expect} for the learner's view.
// `checks` is what educhain-verify reported on the same file: the page must show the same checks,
// in the same order, with the same words. Each case drops its file on the page and
// asserts the words shown. The page must use its light client: it shows the finalized block it
// checked against, and no request goes to the nodes' RPC ports. A failing case saves a
// screenshot beside CASES.json. Exits 0 when every case passes.
import {readFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {chromium} from 'playwright-core';

const [pageUrl, rpcPorts, casesFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const forbidden = rpcPorts.split(',').filter(Boolean).map(port => `:${port}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
const contacted = [];
try {
  const page = await browser.newPage();
  page.on('request', request => contacted.push(request.url()));
  page.on('websocket', socket => contacted.push(socket.url()));
  page.on('pageerror', error => console.error(`page error: ${error.message}`));
  let started = Date.now();
  await page.goto(pageUrl);
  // Receipts need no network: with only receipt cases, the light client is not waited for.
  if(cases.some(c => !c.receipt)) {
    await page.locator('#chain-state[data-ready=true]').waitFor({timeout: 90_000});
    console.log(`light client ready in ${Date.now() - started} ms: ${await page.locator('#chain-state').textContent()}`);
  }
  for(const c of cases) {
    const shot = join(dirname(casesFile), `${c.name}.png`);
    try {
      started = Date.now();
      if(c.file) {
        await page.locator('#receipt').setInputFiles(c.receipt ? [c.receipt] : []);
        await page.locator('#checkpoint').setInputFiles(c.checkpoint ? [c.checkpoint] : []);
        await page.locator('#file').setInputFiles(c.file);
        await page.locator(`#result[data-for="${basename(c.file)}"] .verdict`).waitFor({timeout: 60_000});
      } else {
        await page.locator('#holder').fill(c.holder);
        await page.locator('#held-form button').click();
        await page.locator(`#held[data-for="${c.holder}"] .basis`).waitFor({timeout: 60_000});
      }
      const shown = await page.locator(c.file ? '#result' : '#held').innerText();
      console.log(`${c.name}: shown in ${Date.now() - started} ms`);
      const missing = c.expect.filter(words => !shown.includes(words));
      if(c.verdict && !shown.startsWith(`Result\n${c.verdict}:`) && !shown.includes(`\n${c.verdict}:`)) {
        missing.push(`the verdict ${c.verdict}`);
      }
      // A case that expects no verdict (an error) names no basis either.
      const basis = c.receipt ? 'verified offline from a receipt' : 'verified by light client';
      if(c.verdict && !shown.includes(basis)) {
        missing.push(basis);
      }
      if(c.checks) {
        const shownChecks = await page.locator('#result li[data-check]').evaluateAll(items => items.map(item => ({
          name: item.dataset.check, passed: item.dataset.passed === 'true', detail: item.querySelector('.detail').textContent,
        })));
        const rows = checks => JSON.stringify(checks.map(k => [k.name, k.passed, k.detail]));
        if(rows(shownChecks) !== rows(c.checks)) {
          missing.push(`the checks of educhain-verify: ${JSON.stringify(c.checks, null, 1)}\nthe page shows: ${JSON.stringify(shownChecks, null, 1)}`);
        }
      }
      if(missing.length > 0) {
        throw new Error(`missing ${JSON.stringify(missing)} in:\n${shown}`);
      }
    } catch(e) {
      await page.screenshot({path: shot, fullPage: true});
      failures.push(`${c.name}: ${e.message} (screenshot ${shot})`);
    }
  }
} finally {
  await browser.close();
}
const rpc = contacted.filter(url => forbidden.some(port => url.includes(port)));
if(rpc.length > 0) {
  failures.push(`the page contacted an RPC port: ${rpc.join(', ')}`);
}
for(const failure of failures) {
  console.error(`FAIL ${failure}`);
}
console.log(failures.length === 0 ? `PASS: ${cases.length} cases` : `${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
