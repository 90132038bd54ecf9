// The verification page in real browsers, headless: Debian's chromium and firefox-esr (see
// browsers.mjs). node test/page.test.mjs PAGE_URL RPC_PORTS CASES.json
// CASES.json: [{name, file, verdict: "VALID" | "NOT VALID", checks: [{name, passed, detail}],
// expect: [words the page must show], link?}], and {name, holder, expect} for the learner's view.
// `checks` is what educhain-verify reported on the same file: the page must show the same checks,
// in the same order, with the same words, each marked PASS or FAIL in words, not colour only.
// Each case drops its file on the page (or types the holder and presses Enter) and asserts the
// words shown. A presentation case, {name, present: [argv], verify: [argv], challenges, out,
// sleep?, anyTime?, expect}, has the page issue a challenge, runs `present` (educhain-cli)
// to answer it and `verify` (educhain-verify) on the answer, with {challenge}, {domain},
// {challenges} and {out} filled in, then drops the answer on the page, whose checks must be
// educhain-verify's (with anyTime, but for the date-times in them, which each verifier takes
// from its own clock); {name, again, verify, anyTime?, expect} drops case `again`'s
// presentation once more (a replay), and with `damaged: ENTRY` (no `verify`), with ENTRY stored
// among the page's challenges for the time of the case. The page must use its light client: it
// shows the finalized block it checked against, and, in Chromium, which reports its worker's
// traffic, no request goes to the nodes' RPC ports. After the cases, axe-core finds no WCAG 2 A
// or AA violation on the page with its results shown. The file case with `link: true`, if any, is
// then opened from a link (#credential=, base64url) for the same verdict, and a mangled link is
// said to be unreadable. A failing case saves a screenshot beside CASES.json. PAGE_BROWSERS
// (default "chromium,firefox") names the browsers. Exits 0 when every case passes in each.
import {execFileSync} from 'node:child_process';
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {basename, dirname, join} from 'node:path';
import {browsers} from './browsers.mjs';

const [pageUrl, rpcPorts, casesFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const forbidden = rpcPorts.split(',').filter(Boolean).map(port => `:${port}`);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const names = (process.env.PAGE_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);

/** The checks and verdict educhain-verify printed (`  [pass] name: detail` lines, then the verdict). */
function printed(text) {
  const checks = [...text.matchAll(/^\s*\[(pass|FAIL)\] (\w+): (.*)$/gm)].map(m => ({name: m[2], passed: m[1] === 'pass', detail: m[3]}));
  const verdict = text.trim().split('\n').pop();
  return {checks, verdict};
}

/** Run `argv` with each {key} of `fill` filled in; what it printed on stdout. */
function command(argv, fill) {
  const [program, ...args] = argv.map(arg => arg.replace(/\{(\w+)\}/g, (whole, key) => fill[key] ?? whole));
  try {
    return execFileSync(program, args, {timeout: 120_000, encoding: 'utf8'});
  } catch(e) {
    // educhain-verify exits 1 on NOT VALID, having printed its report.
    if(e.status === 1 && e.stdout) {
      return e.stdout;
    }
    throw new Error(`${argv[0]} failed (${e.status}): ${e.stdout}${e.stderr}`);
  }
}

// Each presentation case's answer, by case name, for a replay.
const answers = new Map();

/** A presentation case: the page's challenge answered, checked by educhain-verify, then by the page. */
async function presentation(browser, c) {
  let answer = answers.get(c.again);
  if(!c.again) {
    await browser.evaluate(() => { delete document.querySelector('#request').dataset.challenge; });
    await browser.click('#ask');
    await browser.waitFor('#request[data-challenge]', 10_000);
    const asked = await browser.evaluate(() => ({...document.querySelector('#request').dataset}));
    writeFileSync(c.challenges, JSON.stringify({[asked.challenge]: {domain: asked.domain, until: Number(asked.until), answered: null}}));
    answer = {...asked, out: c.out, challenges: c.challenges};
    command(c.present, answer);
    answers.set(c.name, answer);
  }
  await new Promise(resolve => setTimeout(resolve, (c.sleep ?? 0) * 1000));
  if(c.verify) {
    Object.assign(c, printed(command(c.verify, answer)));
  }
  if(c.damaged) {
    await storeDamaged(browser, c.damaged);
  }
  // A file of its own per case and browser, so that the page's result names it.
  const file = join(dirname(c.challenges ?? answer.challenges), `${c.name}-${currentBrowser}.vp.json`);
  copyFileSync(answer.out, file);
  await browser.setFiles('#receipt', []);
  await browser.setFiles('#checkpoint', []);
  await browser.setFiles('#file', [file]);
  await browser.waitFor(`#result[data-for="${basename(file)}"] .verdict`, 60_000);
  if(c.damaged) {
    await storeDamaged(browser, null);
  }
  return browser.evaluate(() => document.querySelector('#result').innerText);
}
let currentBrowser = null;

/** `entry` stored among the page's challenges (src/challenges.js) as challenge "damaged"; with null, taken out. */
function storeDamaged(browser, entry) {
  return browser.evaluate(entry => new Promise((resolve, reject) => {
    const opened = indexedDB.open('educhain-verify', 1);
    opened.onupgradeneeded = () => opened.result.createObjectStore('challenges');
    opened.onerror = () => reject(opened.error);
    opened.onsuccess = () => {
      const tx = opened.result.transaction('challenges', 'readwrite');
      const store = tx.objectStore('challenges');
      if(entry === null) {
        store.delete('damaged');
      } else {
        store.put(entry, 'damaged');
      }
      tx.oncomplete = () => { opened.result.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  }), entry);
}

/** What the page shows for case `c`, once its result is there. */
async function run(browser, c) {
  if(c.present || c.again) {
    return presentation(browser, c);
  }
  if(c.file) {
    await browser.setFiles('#receipt', c.receipt ? [c.receipt] : []);
    await browser.setFiles('#checkpoint', c.checkpoint ? [c.checkpoint] : []);
    await browser.setFiles('#file', [c.file]);
    await browser.waitFor(`#result[data-for="${basename(c.file)}"] .verdict`, 60_000);
  } else {
    // By keyboard: the field is filled, and Enter submits its form.
    await browser.fill('#holder', c.holder);
    await browser.press('Enter');
    await browser.waitFor(`#held[data-for="${c.holder}"] .basis`, 60_000);
  }
  return browser.evaluate(selector => document.querySelector(selector).innerText, c.file ? '#result' : '#held');
}

/** What case `c` expects that `shown` lacks. */
async function missed(browser, c, shown) {
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
    const shownChecks = await browser.evaluate(() => [...document.querySelectorAll('#result li[data-check]')].map(item => ({
      name: item.dataset.check, passed: item.dataset.passed === 'true', detail: item.querySelector('.detail').textContent,
      mark: item.querySelector('.mark').textContent,
    })));
    // With anyTime, the date-times in the words (when a challenge was answered, the time now)
    // may differ: each verifier states its own clock's.
    const words = detail => (c.anyTime ? detail.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, '<time>') : detail);
    const rows = checks => JSON.stringify(checks.map(k => [k.name, k.passed, words(k.detail)]));
    if(rows(shownChecks) !== rows(c.checks)) {
      missing.push(`the checks of educhain-verify: ${JSON.stringify(c.checks, null, 1)}\nthe page shows: ${JSON.stringify(shownChecks, null, 1)}`);
    }
    const unmarked = shownChecks.filter(k => k.mark !== (k.passed ? 'PASS' : 'FAIL'));
    if(unmarked.length > 0) {
      missing.push(`PASS or FAIL in words on ${unmarked.map(k => k.name).join(', ')}`);
    }
  }
  return missing;
}

/** The WCAG 2 A and AA violations axe-core finds on the page as it is. */
async function violations(browser) {
  await browser.addScript(axePath);
  const found = await browser.evaluate(async() =>
    (await window.axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations.map(v =>
      `${v.id} (${v.impact}): ${v.help}, at ${v.nodes.map(n => n.target.join(' ')).join('; ')}`));
  return found;
}

/**
 * Case `c`'s file carried in a link's fragment (#credential=, base64url) gives the file's
 * verdict; a mangled fragment is said to be unreadable where the result goes. The failures.
 */
async function links(browser, name, c) {
  const failures = [];
  const carried = readFileSync(c.file).toString('base64url');
  for(const [fragment, words] of [[carried, `\n${c.verdict}:`], ['!!!', "The link's credential cannot be read"]]) {
    // From another page: a fragment alone would not load the page again.
    await browser.goto('about:blank');
    await browser.goto(`${pageUrl}#credential=${fragment}`);
    try {
      await browser.waitFor('#result .verdict', 90_000);
      const shown = await browser.evaluate(() => document.querySelector('#result').innerText);
      if(!shown.includes(words)) {
        failures.push(`${name}: a link (${fragment.slice(0, 12)}…): "${words}" not in:\n${shown}`);
      }
    } catch(e) {
      failures.push(`${name}: a link (${fragment.slice(0, 12)}…): ${e.message}`);
    }
  }
  return failures;
}

/** Every case in the browser called `name`; the failures. */
async function inBrowser(name) {
  const failures = [];
  let started = Date.now();
  const browser = await browsers[name]();
  currentBrowser = name;
  try {
    await browser.goto(pageUrl);
    // Receipts need no network: with only receipt cases, the light client is not waited for.
    if(cases.some(c => !c.receipt)) {
      await browser.waitFor('#chain-state[data-ready=true]', 90_000);
      const state = await browser.evaluate(() => document.querySelector('#chain-state').textContent);
      console.log(`${name}: light client ready in ${Date.now() - started} ms: ${state}`);
    }
    for(const c of cases) {
      try {
        started = Date.now();
        const shown = await run(browser, c);
        console.log(`${name}: ${c.name}: shown in ${Date.now() - started} ms`);
        const missing = await missed(browser, c, shown);
        if(missing.length > 0) {
          throw new Error(`missing ${JSON.stringify(missing)} in:\n${shown}`);
        }
      } catch(e) {
        const shot = join(dirname(casesFile), `${name}-${c.name}.png`);
        await browser.screenshot(shot);
        failures.push(`${name}: ${c.name}: ${e.message} (screenshot ${shot})`);
      }
    }
    for(const found of await violations(browser)) {
      failures.push(`${name}: accessibility: ${found}`);
    }
    // A second visit: the browser's cache, and the light client's state saved at the first.
    if(cases.some(c => !c.receipt)) {
      started = Date.now();
      await browser.goto(pageUrl);
      await browser.waitFor('#chain-state[data-ready=true]', 90_000);
      console.log(`${name}: light client ready again (warm) in ${Date.now() - started} ms`);
    }
    // The case set names its link case, so that no set skips the check without saying so.
    const linked = cases.find(c => c.link);
    if(linked) {
      failures.push(...await links(browser, name, linked));
    }
  } finally {
    await browser.close();
  }
  const rpc = (browser.contacted ?? []).filter(url => forbidden.some(port => url.includes(port)));
  if(rpc.length > 0) {
    failures.push(`${name}: the page contacted an RPC port: ${rpc.join(', ')}`);
  }
  return failures;
}

const failures = [];
for(const name of names) {
  if(!browsers[name]) {
    throw new Error(`no browser called ${name}: PAGE_BROWSERS may name ${Object.keys(browsers).join(', ')}`);
  }
  failures.push(...await inBrowser(name));
}
for(const failure of failures) {
  console.error(`FAIL ${failure}`);
}
console.log(failures.length === 0 ? `PASS: ${cases.length} cases in ${names.join(' and ')}` : `${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
