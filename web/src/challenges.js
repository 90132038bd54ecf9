// The challenges this page has issued, and which have been answered: what makes a replayed
// presentation recognisable. Kept in this browser's localStorage, in the form of
// educhain-verify's challenges file (verifier/src/challenges.rs): {challenge: {domain, until,
// answered}}, times in seconds since 1970.

import {hex} from './scale.js';

const KEY = 'educhain-challenges';

/** Seconds since 1970 now, by this machine's clock. */
export const now = () => Math.floor(Date.now() / 1000);

/** `secs` since 1970 as an RFC 3339 UTC date-time to the second. */
export const dateTime = secs => new Date(secs * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Seconds since 1970 of an RFC 3339 UTC date-time written to the second (as the CLI writes them), or null. */
export function seconds(text) {
  if(typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) {
    return null;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) && dateTime(ms / 1000) === text ? ms / 1000 : null;
}

/** What is wrong with a stored entry, which must be {domain, until, answered} as in educhain-verify's file; null if nothing. */
function damage(entry) {
  if(typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return 'is not an entry';
  }
  if(typeof entry.domain !== 'string') {
    return 'has no domain';
  }
  if(!Number.isInteger(entry.until) || entry.until < 0) {
    return 'has no closing time (until)';
  }
  if(entry.answered != null && !(Number.isInteger(entry.answered) && entry.answered >= 0)) {
    return 'has an answer time that is not a time';
  }
  return null;
}

/** The page's issued challenges. */
export class Challenges {
  /** The stored ones; storage that cannot be read is an error, since a replay could then pass. */
  static open(storage = localStorage) {
    const text = storage.getItem(KEY);
    const issued = text === null ? {} : JSON.parse(text);
    if(typeof issued !== 'object' || issued === null || Array.isArray(issued)) {
      throw new Error('the stored challenges are not a challenges map');
    }
    // A damaged entry is refused here, as educhain-verify refuses its file, rather than read as
    // closed since 1970 or issued for no domain, which would refuse a presentation for a wrong reason.
    for(const [challenge, entry] of Object.entries(issued)) {
      const fault = damage(entry);
      if(fault) {
        throw new Error(`the stored challenges are damaged: challenge ${challenge} ${fault} (clearing this site's data in the browser starts afresh)`);
      }
    }
    return new Challenges(storage, issued);
  }

  constructor(storage, issued) {
    this.storage = storage;
    this.issued = issued;
  }

  /** A new challenge for `domain`, open for `lifetime` seconds from `at`, saved before it is shown. */
  issue(domain, lifetime, at) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const challenge = hex(bytes).slice(2);
    this.update(issued => {
      issued[challenge] = {domain, until: at + lifetime, answered: null};
    });
    return {challenge, domain, until: at + lifetime};
  }

  /** What is known of `challenge`: {state: 'unknown'} | {state: 'open', domain, until} | {state: 'answered', at}. */
  status(challenge) {
    const entry = Object.hasOwn(this.issued, challenge) ? this.issued[challenge] : null;
    if(!entry) {
      return {state: 'unknown'};
    }
    if(Number.isInteger(entry.answered)) {
      return {state: 'answered', at: entry.answered};
    }
    return {state: 'open', domain: entry.domain, until: entry.until};
  }

  /**
   * Record that `challenge` was answered at `at`: it is never accepted again. Returns null, or,
   * when another tab of this page recorded an answer since this one read the store, that answer's
   * time, changing nothing: the presentation is a replay after all.
   */
  answered(challenge, at) {
    return this.update(issued => {
      if(!Object.hasOwn(issued, challenge)) {
        throw new Error(`challenge ${challenge} was never issued`);
      }
      const before = issued[challenge].answered;
      if(Number.isInteger(before)) {
        return before;
      }
      issued[challenge].answered = at;
      return null;
    });
  }

  /**
   * `change` applied to the challenges as stored now, not as read (another tab may have issued or
   * answered some since), and saved, in one synchronous step; what `change` returns.
   */
  update(change) {
    this.issued = Challenges.open(this.storage).issued;
    const result = change(this.issued);
    this.storage.setItem(KEY, JSON.stringify(this.issued));
    return result;
  }
}
