// The page's challenges (src/challenges.js) kept by two tabs of one browser at once, in headless
// Chromium and Firefox (browsers.mjs): node test/challenges.test.mjs. The module is served
// from a loopback port of this process's own, as the page serves it, and each tab imports it.
// PAGE_BROWSERS (default "chromium,firefox") names the browsers. Prints an `ok: ` line per case
// passed in each browser; exits 0 when every case passes.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {browsers} from './browsers.mjs';

const names = (process.env.PAGE_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);
const module = readFileSync(new URL('../src/challenges.js', import.meta.url));
// Enough challenges answered by both tabs at once that a store without a lock between tabs lets
// some through twice (with localStorage, Chromium did for every one of 200).
const RACED = 200;

/** A loopback server of an empty page and the module; its origin. */
async function serve() {
  const server = createServer((request, response) => {
    const script = request.url === '/challenges.js';
    response.writeHead(200, {'content-type': script ? 'text/javascript' : 'text/html'});
    response.end(script ? module : '<!doctype html><title>challenges</title>');
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {server, origin: `http://127.0.0.1:${server.address().port}/`};
}

/** Run `fn(Challenges, arg)` in `tab`, with the module imported there. */
function inTab(tab, fn, arg) {
  return tab.evaluate(async([source, arg]) => {
    const {Challenges} = await import('/challenges.js');
    return (0, eval)(source)(Challenges, arg);
  }, [fn.toString(), arg]);
}

/** Every case in the browser called `name`, with two tabs of it open on `origin`. */
async function inBrowser(name, origin) {
  const browser = await browsers[name]();
  try {
    await browser.goto(origin);
    const one = {evaluate: browser.evaluate};
    const other = await browser.tab();
    await other.goto(origin);

    // Both tabs answer the same challenges from one agreed instant on: each is taken once, and
    // the tab that did not take it is told when the other did.
    const issued = await inTab(one, async(Challenges, count) => {
      const challenges = await Challenges.open();
      const issued = [];
      for(let i = 0; i < count; i++) {
        issued.push((await challenges.issue('a.example', 600, 1000)).challenge);
      }
      return issued;
    }, RACED);
    const race = async(Challenges, {issued, at, start}) => {
      const challenges = await Challenges.open();
      while(Date.now() < start) { /* both tabs start together */ }
      const answers = [];
      for(const challenge of issued) {
        answers.push(await challenges.answered(challenge, at));
      }
      return answers;
    };
    const start = Date.now() + 1500;
    const [first, second] = await Promise.all([
      inTab(one, race, {issued, at: 1100, start}), inTab(other, race, {issued, at: 1200, start}),
    ]);
    const twice = issued.filter((_, i) => first[i] === null && second[i] === null).length;
    assert.equal(twice, 0, `${twice} of ${RACED} challenges were accepted by both tabs`);
    issued.forEach((challenge, i) => {
      assert.ok(first[i] === null ? second[i] === 1100 : first[i] === 1200 && second[i] === null,
        `challenge ${i}: the tabs answered ${first[i]} and ${second[i]}`);
    });
    console.log(`ok: ${name}: ${RACED} challenges answered by two tabs at once, each taken once`);

    // A challenge issued in one tab is open in the other; one answered there is answered here.
    const [fresh, late] = await inTab(one, async Challenges => {
      const stale = await Challenges.open();
      const fresh = await (await Challenges.open()).issue('b.example', 600, 1000);
      const late = await stale.issue('c.example', 600, 1000);
      return [fresh.challenge, late.challenge];
    });
    const seen = await inTab(other, async(Challenges, [fresh, late]) => {
      const challenges = await Challenges.open();
      const answer = await challenges.answered(late, 1300);
      return [challenges.status(fresh), answer];
    }, [fresh, late]);
    assert.deepEqual(seen, [{state: 'open', domain: 'b.example', until: 1600}, null]);
    const kept = await inTab(one, async(Challenges, [fresh, late]) => {
      const challenges = await Challenges.open();
      return [challenges.status(fresh), challenges.status(late)];
    }, [fresh, late]);
    assert.deepEqual(kept, [{state: 'open', domain: 'b.example', until: 1600}, {state: 'answered', at: 1300}]);
    console.log(`ok: ${name}: what one tab issues or answers is kept, and seen by the other`);

    // A challenge never issued is refused, and nothing stored changes.
    const refused = await inTab(one, async Challenges => {
      const challenges = await Challenges.open();
      try {
        await challenges.answered('c0ffee', 1400);
        return 'accepted';
      } catch(e) {
        return [e.message, (await Challenges.open()).status('c0ffee')];
      }
    });
    assert.deepEqual(refused, ['challenge c0ffee was never issued', {state: 'unknown'}]);
    console.log(`ok: ${name}: an answer to a challenge never issued changes nothing`);

    // A challenge no presentation could answer (no domain, no time to answer) is refused in the
    // Rust verifier's words, and nothing is stored.
    const unanswerable = await inTab(one, async Challenges => {
      const challenges = await Challenges.open();
      const before = Object.keys(challenges.issued).length;
      const said = [];
      for(const [domain, lifetime] of [['', 600], ['  ', 600], ['a.example', 0]]) {
        said.push(await challenges.issue(domain, lifetime, 1000).then(() => 'issued', e => e.message));
      }
      return [said, Object.keys((await Challenges.open()).issued).length - before];
    });
    const noDomain = "a challenge needs the verifier's domain, which the presentation must name";
    assert.deepEqual(unanswerable, [[noDomain, noDomain, 'a challenge stays open for 1 second or more: a lifetime of 0 cannot be answered'], 0]);
    console.log(`ok: ${name}: a challenge no presentation could answer is refused, nothing stored`);

    // The challenges an earlier page kept in localStorage are moved on opening, and an answer
    // recorded in either place stands; a damaged map is refused and left where it is.
    const moved = await inTab(other, async(Challenges, [fresh, late]) => {
      const old = {
        [fresh]: {domain: 'b.example', until: 1600, answered: 1500},
        [late]: {domain: 'c.example', until: 1600, answered: null},
        '0ld': {domain: 'd.example', until: 1700, answered: null},
      };
      localStorage.setItem('educhain-challenges', JSON.stringify(old));
      const challenges = await Challenges.open();
      const damaged = JSON.stringify({'0ld': {domain: 'd.example'}});
      localStorage.setItem('educhain-challenges', damaged);
      const refused = await Challenges.open().then(() => 'opened', e => e.message);
      const left = localStorage.getItem('educhain-challenges') === damaged;
      localStorage.removeItem('educhain-challenges');
      return [[fresh, late, '0ld'].map(c => challenges.status(c)), refused, left];
    }, [fresh, late]);
    assert.deepEqual(moved, [
      [{state: 'answered', at: 1500}, {state: 'answered', at: 1300}, {state: 'open', domain: 'd.example', until: 1700}],
      "the stored challenges are damaged: challenge 0ld has no closing time (until) (clearing this site's data in the browser starts afresh)",
      true,
    ]);
    console.log(`ok: ${name}: challenges kept in localStorage by an earlier page are moved, and no answer is undone`);
  } finally {
    await browser.close();
  }
}

const {server, origin} = await serve();
try {
  for(const name of names) {
    await inBrowser(name, origin);
  }
} finally {
  server.close();
}
