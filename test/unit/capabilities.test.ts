// Capabilities (contract.yaml `capabilities:`): a POS declares the optional ones it supports;
// cases needing an optional capability it does not declare are skipped, never blocking; the
// required ones always run. Unknown names are errors, in suites and in the declaration.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PosAccreditError } from '../../src/core/errors.js';
import { declaredCapabilities } from '../../src/config/declared-capabilities.js';
import { resolveConfig, type RunFlags } from '../../src/config/resolve-config.js';
import { capabilitiesLine, contractCapabilities } from '../../src/contract/capabilities.js';
import { makePlan } from '../../src/engine/plan.js';
import { validateJsonReport } from '../../src/report/read-report.js';
import { toJsonReport } from '../../src/report/report-document.js';
import { LoadError } from '../../src/core/diagnostic.js';
import { loadSuites } from '../../src/suite/load-suites.js';
import { accreditReferencePos, builtInSuites } from '../helpers/accredit.js';
import { suiteWorkspace, tempDir } from '../helpers/cli.js';

const catalogue = contractCapabilities(builtInSuites().contract);
const plan = (declared: string[], ids: string[]) => makePlan(builtInSuites().suites, { tags: [], ids }, { catalogue, declared });

function resolveIn(cwd: string, flags: RunFlags = {}, env: Record<string, string> = {}) {
  return resolveConfig({ flags, suites: [], env, cwd, now: new Date(), knownReporters: ['console', 'json'], stdoutIsTTY: false });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('the contract lists capabilities', () => {
  it('required: split-checks, void, walk-ins; optional: the rest', () => {
    const levels = Object.fromEntries(catalogue.map((c) => [c.name, c.level]));
    expect(levels).toMatchObject({
      'pre-orders': 'optional', 'split-checks': 'required', 'walk-ins': 'required', 'table-moves': 'optional',
      'party-size-changes': 'optional', 'occupied-table-409': 'optional', void: 'required',
    });
    expect(catalogue.every((c) => c.source.length > 0 && (c.level === 'required' || !!c.note))).toBe(true);
  });

  it('a capability that is neither required nor optional is a load error at its value', () => {
    const dir = suiteWorkspace();
    const contract = join(dir, 'contract.yaml');
    writeFileSync(contract, readFileSync(contract, 'utf8').replace(/(  void:\n    value: )required/, '$1mandatory'));
    writeFileSync(join(dir, 's.yaml'), 'suite: s\ntitle: S\ncases:\n  - id: S-1\n    title: t\n    level: must\n    basis: documented\n    spec: ["x"]\n    steps:\n      - request: { method: GET, path: /x }\n');
    const err = thrown(() => loadSuites({ paths: [dir] }));
    expect(err).toBeInstanceOf(LoadError);
    const d = (err as LoadError).diagnostics.find((x) => x.code === 'bad-capability');
    expect(d?.message).toBe('capability "void" must be required or optional, found "mandatory"');
    expect(d?.pos.line).toBeGreaterThan(1);
  });
});

describe('plan with capabilities', () => {
  it('a case needing an optional capability the POS does not declare is skipped, with the reason', () => {
    const p = plan(['pre-orders'], ['LIFE-TABLE-AND-PARTY-CHANGES', 'LIFE-PREORDER-ITEMS']);
    expect(p.cases.map((c) => c.id)).toEqual(['LIFE-PREORDER-ITEMS', 'LIFE-TABLE-AND-PARTY-CHANGES']);
    expect(p.skipped.map((s) => s.case.id)).toEqual(['LIFE-TABLE-AND-PARTY-CHANGES']);
    expect(p.skipped[0]?.reason).toMatch(/^the POS does not declare capabilities "table-moves" \(optional: moving a seated party .*\), "party-size-changes" \(optional: /);
  });

  it('every optional capability a case needs must be declared', () => {
    const p = plan(['table-moves'], ['LIFE-TABLE-AND-PARTY-CHANGES']);
    expect(p.skipped[0]?.reason).toMatch(/^the POS does not declare capability "party-size-changes" \(optional: changing the party size/);
    expect(plan(['table-moves', 'party-size-changes'], ['LIFE-TABLE-AND-PARTY-CHANGES']).skipped).toEqual([]);
  });

  it('required capabilities always run, declared or not', () => {
    const p = plan([], ['LIFE-SPLIT-CHECKS', 'LIFE-WALK-IN', 'LIFE-OPEN-VOID']);
    expect(p.cases).toHaveLength(3);
    expect(p.skipped).toEqual([]);
    expect(p.capabilities).toEqual({ declared: [], required: ['split-checks', 'void', 'walk-ins'], optional: ['occupied-table-409', 'party-size-changes', 'pre-orders', 'table-moves'] });
  });

  it('without capabilities (list) nothing is skipped and no profile is set', () => {
    const p = makePlan(builtInSuites().suites, { tags: [], ids: ['LIFE-TABLE-AND-PARTY-CHANGES'] });
    expect(p.skipped).toEqual([]);
    expect(p.capabilities).toBeUndefined();
  });

  it('the console header line', () => {
    expect(capabilitiesLine(plan(['table-moves', 'pre-orders'], ['LIFE-*']).capabilities!)).toBe('Capabilities: pre-orders, table-moves (declared) · required: split-checks, void, walk-ins');
    expect(capabilitiesLine(plan([], ['LIFE-*']).capabilities!)).toBe('Capabilities: none declared · required: split-checks, void, walk-ins');
  });
});

describe('declaring capabilities', () => {
  it('flags > environment > config file, each name with its source', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pos-accredit.yaml'), 'capabilities:\n  - pre-orders\n  - table-moves\n');
    expect(resolveIn(dir).capabilities).toEqual({ names: ['pre-orders', 'table-moves'], sources: ['pos-accredit.yaml:2:5', 'pos-accredit.yaml:3:5'] });
    const env = { POS_ACCREDIT_CAPABILITIES: 'void, walk-ins' };
    expect(resolveIn(dir, {}, env).capabilities?.names).toEqual(['void', 'walk-ins']);
    expect(resolveIn(dir, { capability: ['occupied-table-409', 'pre-orders,table-moves'] }, env).capabilities).toEqual({
      names: ['occupied-table-409', 'pre-orders', 'table-moves'], sources: ['--capability', '--capability', '--capability'],
    });
    // Set but empty declares none (it does not fall back to the file).
    expect(resolveIn(dir, {}, { POS_ACCREDIT_CAPABILITIES: '' }).capabilities).toEqual({ names: [], sources: [] });
    expect(resolveIn(tempDir()).capabilities).toBeUndefined();
  });

  it('an unknown capability in the config file is exit 2 naming its position, with a did-you-mean', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pos-accredit.yaml'), 'target:\n  venue: v\ncapabilities: [table-moves, pre-order]\n');
    const err = thrown(() => declaredCapabilities(resolveIn(dir).capabilities, catalogue, false));
    expect(err).toBeInstanceOf(PosAccreditError);
    expect((err as PosAccreditError).code).toBe('unknown-capability');
    expect((err as PosAccreditError).exitCode).toBe(2);
    expect((err as PosAccreditError).message).toBe('pos-accredit.yaml:3:29: unknown capability "pre-order"');
    expect((err as PosAccreditError).hint).toMatch(/^did you mean "pre-orders"\? capabilities: occupied-table-409, /);
  });

  it('an unknown capability from a flag or the environment names that source', () => {
    const dir = tempDir();
    expect((thrown(() => declaredCapabilities(resolveIn(dir, { capability: ['teleport'] }).capabilities, catalogue, false)) as PosAccreditError).message).toBe('--capability: unknown capability "teleport"');
    expect((thrown(() => declaredCapabilities(resolveIn(dir, {}, { POS_ACCREDIT_CAPABILITIES: 'voids' }).capabilities, catalogue, false)) as PosAccreditError).message).toBe('POS_ACCREDIT_CAPABILITIES: unknown capability "voids"');
  });

  it('undeclared: the embedded reference POS declares every capability, another POS none', () => {
    expect(declaredCapabilities(undefined, catalogue, true)).toEqual(catalogue.map((c) => c.name));
    expect(declaredCapabilities(undefined, catalogue, false)).toEqual([]);
    expect(declaredCapabilities({ names: ['pre-orders', 'pre-orders'], sources: ['--capability', '--capability'] }, catalogue, true)).toEqual(['pre-orders']);
  });
});

describe('requires: names a capability of the contract', () => {
  it('an unknown name is a load error at its position, with a did-you-mean', () => {
    const dir = suiteWorkspace();
    writeFileSync(join(dir, 'caps.yaml'), [
      'suite: caps', 'title: Caps', 'cases:', '  - id: CAPS-1', '    title: t', '    level: should', '    basis: documented', '    spec: ["x"]',
      '    requires: [table-moves, split-check]', '    steps:', '      - request: { method: GET, path: /x }', '',
    ].join('\n'));
    const err = thrown(() => loadSuites({ paths: [join(dir, 'caps.yaml')] }));
    expect(err).toBeInstanceOf(LoadError);
    const [d] = (err as LoadError).diagnostics;
    expect(d).toMatchObject({ code: 'unknown-capability', message: 'unknown capability "split-check"', pos: { line: 9, col: 29 } });
    expect(d?.hint).toMatch(/^did you mean "split-checks"\?/);
  });
});

describe('a run that does not declare an optional capability', () => {
  it('reports the case as skipped with its reason; the skip is counted and does not block', async () => {
    const result = await accreditReferencePos({ capabilities: [], ids: ['LIFE-TABLE-AND-PARTY-CHANGES', 'LIFE-SPLIT-CHECKS'] });
    const byId = Object.fromEntries(result.cases.map((c) => [c.id, c]));
    expect(result.cases.map((c) => c.id)).toEqual(['LIFE-SPLIT-CHECKS', 'LIFE-TABLE-AND-PARTY-CHANGES']);
    expect(byId['LIFE-SPLIT-CHECKS']?.status).toBe('pass');
    expect(byId['LIFE-TABLE-AND-PARTY-CHANGES']).toMatchObject({ status: 'skip', steps: [], cleanup: [] });
    expect(byId['LIFE-TABLE-AND-PARTY-CHANGES']?.reason).toMatch(/^the POS does not declare capabilities "table-moves" \(optional: /);
    expect(result.counts.byStatus.skip).toBe(1);
    expect(result.verdict).toBe('pass');
    expect(result.blocking).toEqual([]);
    expect(result.capabilities).toEqual({ declared: [], required: ['split-checks', 'void', 'walk-ins'], optional: ['occupied-table-409', 'party-size-changes', 'pre-orders', 'table-moves'] });
    const validation = await validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(result))));
    expect(validation.valid, JSON.stringify(validation)).toBe(true);
  });

  it('declared, the same case runs and passes', async () => {
    const result = await accreditReferencePos({ ids: ['LIFE-TABLE-AND-PARTY-CHANGES'] });
    expect(result.cases[0]?.status, result.cases[0]?.reason).toBe('pass');
    expect(result.capabilities?.declared).toHaveLength(catalogue.length);
  });
});
