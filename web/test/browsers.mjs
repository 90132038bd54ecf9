// The browsers the page is checked in, behind one small interface, each the system's own build:
// Debian's chromium through playwright-core, which also reports the requests and WebSockets of the
// page's Web Worker, and Debian's firefox-esr through puppeteer-core over WebDriver BiDi, since
// Playwright drives only its own patched Firefox, which cannot be downloaded here.
// `tab()` opens a second tab of the same browser, sharing the first's storage (the library's own
// page object: `goto`, `evaluate`).
import {chromium} from 'playwright-core';
import puppeteer from 'puppeteer-core';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
async function openChromium() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A context of its own, so that a second tab (`tab`) shares the first's storage.
  const context = await browser.newContext();
  const page = await context.newPage();
  const contacted = [];
  page.on('request', request => contacted.push(request.url()));
  page.on('websocket', socket => contacted.push(socket.url()));
  page.on('pageerror', error => console.error(`page error: ${error.message}`));
  return {
    name: 'chromium',
    contacted,
    goto: url => page.goto(url),
    waitFor: (selector, timeout) => page.locator(selector).waitFor({timeout}),
    setFiles: (selector, paths) => page.locator(selector).setInputFiles(paths),
    fill: (selector, text) => page.locator(selector).fill(text),
    click: selector => page.locator(selector).click(),
    press: key => page.keyboard.press(key),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    addScript: path => page.addScriptTag({path}),
    screenshot: path => page.screenshot({path, fullPage: true}),
    tab: () => context.newPage(),
    close: () => browser.close(),
  };
}

/** Debian's Firefox ESR, headless. Its worker's traffic is not reported: `contacted` is null. */
async function openFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
  });
  const page = await browser.newPage();
  page.on('pageerror', error => console.error(`page error: ${error.message}`));
  return {
    name: 'firefox',
    contacted: null,
    goto: url => page.goto(url),
    waitFor: (selector, timeout) => page.waitForSelector(selector, {timeout}),
    setFiles: async(selector, paths) => (await page.$(selector)).uploadFile(...paths),
    fill: (selector, text) => page.locator(selector).fill(text),
    click: selector => page.click(selector),
    press: key => page.keyboard.press(key),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    addScript: path => page.addScriptTag({path}),
    screenshot: path => page.screenshot({path, fullPage: true}),
    tab: () => browser.newPage(),
    close: () => browser.close(),
  };
}

/** The browsers by name. */
export const browsers = {chromium: openChromium, firefox: openFirefox};
