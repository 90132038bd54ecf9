// The page's rule for the chain spec its light client is given (src/spec.js), on the committed
// specs: node test/spec.test.mjs. The raw spec gets config.json's boot nodes after its own; the
// plain one, and what is not a spec, are refused in the Rust client's words, which the e2e test
// compares with `PLAIN_SPEC` there. Prints the refusal of the plain spec; exits 0 when every case
// passes.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {withBootNodes} from '../src/spec.js';

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
process.exit(failed === 0 ? 0 : 1);
