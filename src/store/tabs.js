// One save at a time across Troth's tabs and windows (see tabs.rs for why).
//
// The save lock alone is not enough where tabs run in separate processes: a tab's copy of
// localStorage hears of another tab's writes a moment after they happen, and the lock may
// pass to it first. So every tab that saved holds a shared lock named for the revision it
// wrote, and the lock manager, which all tabs see alike, tells the next saver the newest
// revision: it waits until its own copy of localStorage shows it before it reads anything.

const SAVE = 'troth.save';
const REV = 'troth.rev.';
let held = { rev: 0, release: null };

const storedRev = () => Number(localStorage.getItem('troth.rev')) || 0;
// A message-channel turn lets pending storage updates in without a timer's delay.
const turn = () => new Promise((r) => {
  const c = new MessageChannel();
  c.port1.onmessage = () => r();
  c.port2.postMessage(0);
});

export function hasLocks() {
  return typeof navigator !== 'undefined' && !!navigator.locks && !!navigator.locks.query;
}

async function newestRev() {
  const { held: locks = [] } = await navigator.locks.query();
  return locks
    .filter((l) => l.name.startsWith(REV))
    .reduce((max, l) => Math.max(max, Number(l.name.slice(REV.length)) || 0), 0);
}

async function holdRev(rev) {
  if (rev <= held.rev) return;
  const previous = held.release;
  await new Promise((granted) => {
    navigator.locks.request(REV + rev, { mode: 'shared' }, () => new Promise((release) => {
      held = { rev, release };
      granted();
    }));
  });
  if (previous) previous();
}

// Runs `save` (synchronous) holding the save lock, once this tab has seen every revision a
// live tab wrote. Resolves true once saved (see tabs.rs), false if given up after `patience` ms.
export function exclusive(save, patience) {
  return new Promise((resolve, reject) => {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), patience);
    navigator.locks.request(SAVE, { signal: stop.signal }, async () => {
      clearTimeout(timer);
      const newest = await newestRev();
      // Bounded: a tab that wrote and then died must not stop every other tab from saving.
      for (let i = 0; i < 20000 && storedRev() < newest; i++) await turn();
      save();
      resolve(true);
      await holdRev(storedRev());
    }).catch((e) => (stop.signal.aborted ? resolve(false) : reject(e)));
  });
}
