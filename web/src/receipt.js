// Offline verification from a receipt (`educhain-cli credentials receipt`, format
// educhain-receipt/1, docs/credentials.md): no network at all. What it trusts is the chain spec:
// its genesis hash (computed by the light client from the spec's storage, with no peer) and its
// genesis GRANDPA authority set, or a checkpoint set the verifier gives. From there each
// authority-set change and the receipt's block are proven final by their justifications'
// precommit signatures, and the record is read from the storage proof against that block's state
// root. The same steps as client/src/receipt.rs and finality.rs.
import * as ed from '@noble/ed25519';
import {blake2b} from '@noble/hashes/blake2.js';
import {
  AccountId, Hex, Option, Struct, Tuple, Variant, Vector, Twox128, blockHeader, compact, trieNodeDec, u32, u64,
} from '@polkadot-api/substrate-bindings';
import {fromStorage, hex, unhex as bytes} from './scale.js';

const FORMAT = 'educhain-receipt/1';
const concat = (...parts) => Uint8Array.from(parts.flatMap(p => Array.from(p)));
const blake256 = data => blake2b(data, {dkLen: 32});
const text = name => new TextEncoder().encode(name);
const prefix = (pallet, item) => concat(Twox128(text(pallet)), Twox128(text(item)));
const account = AccountId(42);

const authorities = Vector(Tuple(Hex(32), u64));
const justification = Struct({
  round: u64,
  commit: Struct({
    targetHash: Hex(32), targetNumber: u32,
    precommits: Vector(Struct({precommit: Struct({targetHash: Hex(32), targetNumber: u32}), signature: Hex(64), id: Hex(32)})),
  }),
  votesAncestries: Vector(blockHeader),
});
const consensusLog = Variant({
  ScheduledChange: Struct({nextAuthorities: authorities, delay: u32}),
  ForcedChange: Tuple(u32, Struct({nextAuthorities: authorities, delay: u32})),
  OnDisabled: u64, Pause: u32, Resume: u32,
}, [1, 2, 3, 4, 5]);

/** The genesis authority set the raw chain spec pins: {id: 0, authorities: [[key hex, weight]]}. */
export function genesisSet(chainSpec) {
  const top = JSON.parse(chainSpec).genesis?.raw?.top ?? {};
  const value = top[hex(prefix('Grandpa', 'Authorities'))];
  if(!value) {
    throw new Error('the chain spec pins no GRANDPA authorities');
  }
  return {id: 0, authorities: authorities.dec(value).map(([key, weight]) => [key, Number(weight)])};
}

/** Check that `justificationHex` proves the header (bytes) final under `set`. */
async function final(headerBytes, justificationHex, set) {
  const header = blockHeader.dec(headerBytes);
  const hash = hex(blake256(headerBytes));
  let j;
  try {
    j = justification.dec(justificationHex);
  } catch(e) {
    throw new Error(`block #${header.number}: not a GRANDPA justification: ${e.message}`);
  }
  if(j.commit.targetHash !== hash || j.commit.targetNumber !== header.number) {
    throw new Error(`the justification is for block #${j.commit.targetNumber}, not #${header.number}`);
  }
  const ancestry = new Map(j.votesAncestries.map(h => [hex(blake256(blockHeader.enc(h))), h]));
  const signed = new Set();
  let weight = 0;
  for(const vote of j.commit.precommits) {
    const member = set.authorities.find(([key]) => key === vote.id);
    if(!member) {
      throw new Error(`block #${header.number}: a precommit by a key outside authority set ${set.id}`);
    }
    const {targetHash, targetNumber} = vote.precommit;
    const message = concat([1], bytes(targetHash), u32.enc(targetNumber), u64.enc(j.round), u64.enc(BigInt(set.id)));
    if(!await ed.verifyAsync(bytes(vote.signature), message, bytes(vote.id))) {
      throw new Error(`block #${header.number}: a precommit's signature is not valid in set ${set.id}`);
    }
    descends(targetHash, hash, ancestry, header.number);
    if(!signed.has(vote.id)) {
      signed.add(vote.id);
      weight += member[1];
    }
  }
  const total = set.authorities.reduce((sum, [, w]) => sum + w, 0);
  const threshold = total - Math.floor(Math.max(0, total - 1) / 3);
  if(weight < threshold) {
    throw new Error(`block #${header.number}: precommits of weight ${weight}, below the threshold ${threshold} of set ${set.id}`);
  }
  return {header, hash};
}

function descends(block, target, ancestry, number) {
  for(let i = 0; i <= ancestry.size; i++) {
    if(block === target) {
      return;
    }
    const header = ancestry.get(block);
    if(!header) {
      throw new Error(`block #${number}: a precommit's target is not linked to the justified block`);
    }
    block = header.parentHash;
  }
  throw new Error(`block #${number}: the justification's ancestry has a cycle`);
}

/** The next set a header enacts (delay 0 only, as the session pallet schedules), or null. */
function scheduledChange(header) {
  for(const digest of header.digests) {
    if(digest.type !== 'consensus' || digest.value.engine !== 'FRNK') {
      continue;
    }
    const log = consensusLog.dec(digest.value.payload);
    if(log.type === 'ScheduledChange' && log.value.delay === 0) {
      return log.value.nextAuthorities.map(([key, weight]) => [key, Number(weight)]);
    }
    if(log.type === 'ScheduledChange') {
      throw new Error(`block #${header.number}: a delayed authority-set change`);
    }
    if(log.type === 'ForcedChange') {
      throw new Error(`block #${header.number}: a forced authority-set change`);
    }
  }
  return null;
}

/** The value at `key` (bytes) in the trie of `root` from the proof's nodes; null when proven absent. */
function lookup(nodes, root, key) {
  let node = nodes.get(root);
  let rest = hex(key).slice(2);
  const valueOf = n => {
    if(n.type === 'Leaf') {
      const data = bytes(n.value);
      const length = compact.dec(data);
      return data.slice(data.length - Number(length));
    }
    if(n.type === 'LeafWithHash' || n.type === 'BranchWithHash') {
      const value = nodes.get(n.value);
      if(!value) {
        throw new Error('the proof does not cover a value it needs');
      }
      return value;
    }
    return bytes(n.value);
  };
  for(;;) {
    if(!node) {
      throw new Error('the proof does not cover a key it needs');
    }
    const n = trieNodeDec(node);
    if(n.type === 'Empty' || !rest.startsWith(n.partialKey)) {
      return null;
    }
    rest = rest.slice(n.partialKey.length);
    if(n.type.startsWith('Leaf')) {
      return rest === '' ? valueOf(n) : null;
    }
    if(rest === '') {
      return 'value' in n ? valueOf(n) : null;
    }
    const child = n.children[rest[0]];
    if(!child) {
      return null;
    }
    rest = rest.slice(1);
    const inline = bytes(child);
    node = inline.length === 32 ? nodes.get(child) : inline;
  }
}

/**
 * Check `receipt` (parsed JSON) for `id` against `genesis` (the spec's genesis hash) from `pin`
 * (the genesis set, or a checkpoint). The record, the issuer's DID evidence, and the basis.
 */
export async function checkReceipt(receipt, id, genesis, pin, checkpoint) {
  if(receipt.format !== FORMAT) {
    throw new Error(`not a receipt of format ${FORMAT}`);
  }
  if(receipt.credentialId !== id) {
    throw new Error(`the receipt is for credential ${receipt.credentialId}, not this document's ${id}`);
  }
  if(receipt.genesisHash !== genesis) {
    throw new Error(`the receipt is for chain ${receipt.genesisHash}, not the chain spec's ${genesis}`);
  }
  let set = pin;
  for(const change of receipt.setChanges.slice(pin.id)) {
    const headerBytes = bytes(change.header);
    const next = scheduledChange(blockHeader.dec(headerBytes));
    if(!next) {
      throw new Error(`block #${blockHeader.dec(headerBytes).number} changes no authority set`);
    }
    await final(headerBytes, change.justification, set);
    set = {id: set.id + 1, authorities: next};
  }
  const {header, hash} = await final(bytes(receipt.block.header), receipt.block.justification, set);
  const stated = receipt.authoritySet;
  if(stated.setId !== set.id || JSON.stringify(stated.authorities) !== JSON.stringify(set.authorities)) {
    throw new Error(`the receipt relies on authority set ${stated.setId}, the proofs lead to set ${set.id}`);
  }
  const nodes = new Map(receipt.proof.map(node => [hex(blake256(bytes(node))), bytes(node)]));
  const read = key => lookup(nodes, header.stateRoot, key);
  const credential = read(concat(prefix('Credentials', 'Credentials'), bytes(id)));
  const history = read(concat(prefix('Credentials', 'History'), bytes(id)));
  let institution = null;
  let keys = null;
  if(credential) {
    const issuerKey = account.enc(fromStorage.issuer(credential));
    const mapKey = item => concat(prefix('Registry', item), blake2b(issuerKey, {dkLen: 16}), issuerKey);
    institution = read(mapKey('Institutions'));
    keys = read(mapKey('AssertionKeys'));
  }
  const {onchain, did} = fromStorage.proven(id, credential, history, institution, keys);
  const trust = {receipt: set.id, checkpoint: checkpoint ? pin.id : null};
  return {onchain, did, basis: {number: header.number, hash, trust}};
}
