// The page's rule for the chain spec its light client is given (src/spec.js), on the committed
// specs: node test/spec.test.mjs. The raw spec gets config.json's boot nodes after its own; the
// plain one, and what is not a spec, are refused in the Rust client's words, which the e2e test
// compares with `PLAIN_SPEC` there. config.json, and the spec it names, are refused in words when
// the host does not serve them (on a stand-in fetch) or when config.json names no spec. Prints the
// refusal of the plain spec; exits 0 when every case passes.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {fetchText, parseConfig, withBootNodes} from '../src/spec.js';

const committed = name => readFileSync(new URL(`../../chain-specs/${name}`, import.meta.url), 'utf8');
const peer = '/ip4/127.0.0.1/tcp/30333/ws/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

/** What `withBootNodes` says of `text`: its error's words, or the spec it gives, parsed. */
function outcome(text, bootNodes) {
  try {
    return JSON.parse(withBootNodes(text, bootNodes));
  } catch(e) {
    return e.message;
  }
}

let failed = 0;
function check(name, body) {
  try {
    body();
    console.log(`ok: ${name}`);
  } catch(e) {
    failed++;
    console.log(`FAILED: ${name}: ${e.message}`);
  }
}

check('raw spec takes the boot nodes', () => {
  const raw = committed('local-raw.json');
  const spec = outcome(raw, [peer]);
  assert.equal(typeof spec, 'object', spec);
  assert.deepEqual(spec.bootNodes, [...JSON.parse(raw).bootNodes, peer]);
  assert.deepEqual(spec.genesis, JSON.parse(raw).genesis);
});
const plain = outcome(committed('dev.json'), [peer]);
console.log(`plain spec: ${plain}`);
check('plain spec refused', () => assert.match(String(plain), /^the chain spec is not raw .*--raw/));
check('not JSON refused', () => assert.match(String(outcome('<html>', [])), /^the chain spec is not JSON: /));
check('not an object refused', () => assert.equal(outcome('[1]', []), 'the chain spec is not a JSON object'));
check('bad boot node list refused', () => {
  const spec = {...JSON.parse(committed('local-raw.json')), bootNodes: 'one'};
  assert.equal(outcome(JSON.stringify(spec), [peer]), "the chain spec's bootNodes is not a list");
});
check("config's boot nodes not a list refused", () => {
  assert.equal(outcome(committed('local-raw.json'), peer), `config.json: bootNodes ${JSON.stringify(peer)}: not a list of addresses`);
});

/** What `body` says: its error's words, or what it gives. */
async function said(body) {
  try {
    return await body();
  } catch(e) {
    return e.message;
  }
}
/** A stand-in for the browser's fetch that answers every address with `status` and `text`. */
const answering = (status, text) => async () => ({ok: status >= 200 && status < 300, status, text: async () => text});

const config = JSON.stringify({chainSpec: 'local-raw.json', bootNodes: [peer]});
check('config names its spec', () => assert.equal(parseConfig(config).chainSpec, 'local-raw.json'));
for(const [name, text, words] of [
  ['config without a spec refused', '{"bootNodes": []}', 'config.json: chainSpec undefined: not the address of a chain spec'],
  ['config with an empty spec refused', '{"chainSpec": " "}', 'config.json: chainSpec " ": not the address of a chain spec'],
  ['config not JSON refused', '<html>404</html>', /^config\.json is not JSON: /],
  ['config not an object refused', '"local-raw.json"', 'config.json is not a JSON object'],
]) {
  check(name, () => assert.throws(() => parseConfig(text), {message: words}));
}
const fetched = [
  ['a 404 is refused', () => fetchText('config.json', 'config.json', answering(404, 'Not found')),
    'config.json (config.json) could not be fetched: HTTP 404'],
  ['a failed request is refused', () => fetchText('spec.json', 'the chain spec', async () => { throw new TypeError('Failed to fetch'); }),
    'the chain spec (spec.json) could not be fetched: Failed to fetch'],
  ['a 200 gives its text', () => fetchText('config.json', 'config.json', answering(200, config)), config],
];
for(const [name, body, words] of fetched) {
  const got = await said(body);
  check(name, () => assert.equal(got, words));
}
process.exit(failed === 0 ? 0 : 1);
