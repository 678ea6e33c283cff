// The second fault catalogue: bugs real POS integrations ship with, written blind — by someone
// given only the contract (docs/mozrest-pos-api.md) and this reference POS's code, never the
// suites or the first catalogue (faults.ts) — so that what they break is what real POSes break,
// not what the checks already look for. Each entry: the name, then what it breaks and the clause.
// Switched on like any fault (`startReferencePos({ faults })`, `serve reference-pos --fault`).
export const BLIND_FAULTS = {} as const satisfies Record<string, string>;
