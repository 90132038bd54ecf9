// The page's challenges (src/challenges.js) kept by two tabs of the page at once, on a stand-in
// for the browser's localStorage: node test/challenges.test.mjs. Like educhain-verify's file,
// each change is made to what is stored now, not to what a tab read earlier. Exits 0 when every
// case passes.
import assert from 'node:assert/strict';
import {Challenges} from '../src/challenges.js';

/** A stand-in for localStorage, shared by the tabs that open it. */
function storage() {
  const items = new Map();
  return {getItem: key => items.get(key) ?? null, setItem: (key, value) => items.set(key, String(value))};
}

const shared = storage();
const first = Challenges.open(shared).issue('a.example', 600, 1000);
const second = Challenges.open(shared).issue('a.example', 600, 1000);

// Two tabs that read the store before either answered: one takes the challenge, the other is
// told it is a replay when it comes to take it, and neither loses the other's answer.
const [one, other] = [Challenges.open(shared), Challenges.open(shared)];
assert.equal(one.answered(first.challenge, 1100), null);
assert.equal(other.answered(first.challenge, 1200), 1100);
assert.equal(other.answered(second.challenge, 1300), null);
const stored = Challenges.open(shared);
assert.deepEqual(stored.status(first.challenge), {state: 'answered', at: 1100});
assert.deepEqual(stored.status(second.challenge), {state: 'answered', at: 1300});
console.log('ok: a challenge is taken once, and each answer is kept');

// A tab that read the store before another issued a challenge keeps that challenge when it
// issues its own.
const stale = Challenges.open(shared);
const third = Challenges.open(shared).issue('a.example', 600, 1000);
const fourth = stale.issue('b.example', 600, 1000);
const after = Challenges.open(shared);
assert.deepEqual(after.status(third.challenge), {state: 'open', domain: 'a.example', until: 1600});
assert.deepEqual(after.status(fourth.challenge), {state: 'open', domain: 'b.example', until: 1600});
console.log('ok: challenges issued in two tabs are both kept');

// A challenge never issued is refused, and nothing stored changes.
const before = shared.getItem('educhain-challenges');
assert.throws(() => Challenges.open(shared).answered('c0ffee', 1400), /challenge c0ffee was never issued/);
assert.equal(shared.getItem('educhain-challenges'), before);
console.log('ok: an answer to a challenge never issued changes nothing');
