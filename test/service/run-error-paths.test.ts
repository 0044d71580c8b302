/**
 * A failed run keeps the configuration paths its error names (`error.paths`), so the console can open
 * the step that holds them instead of guessing the step from the message's words. A run recorded
 * before the paths were kept reads `paths: null`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getRun, saveMappingStep, saveScopeStep, simulate } from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, mappingStep, scopeStep } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`a failed run's configuration paths on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    /** Saves step 4 (after a saved step 3, which sent the connection back to it) and simulates. */
    const failedRun = async (id: string, scope = scopeStep()) => {
      const confirmed = await svc.call(saveScopeStep, { as: 'operator', params: { id }, body: scope });
      assert.equal(confirmed.status, 200, confirmed.text);
      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      await svc.drain();
      const run = await svc.call(getRun, { params: { id: queued.body.id } });
      assert.equal(run.status, 200, run.text);
      assert.equal(run.body.status, 'failed', run.text);
      return run;
    };

    test('a mapping expression that reads no AFAS field: its rule’s source', async () => {
      const { id } = await configuredConnection(svc, 4);
      const step = mappingStep();
      const at = step.mapping.findIndex((rule) => rule.target === 'businessPhones');
      assert.ok(at >= 0);
      step.mapping[at] = {
        ...step.mapping[at]!,
        type: 'expression',
        source: 'Split([Telefoonnr_werkX], ",")',
      };
      const saved = await svc.call(saveMappingStep, { as: 'operator', params: { id }, body: step });
      assert.equal(saved.status, 200, saved.text);
      const run = await failedRun(id);
      assert.equal(run.body.error.code, 'HRS_CONFIG_INVALID', run.text);
      assert.match(run.body.error.message, /Telefoonnr_werkX/);
      assert.deepEqual(run.body.error.paths, [`/mapping/${at}/source`], run.text);
    });

    test('a scoping filter on no AFAS field: its clause’s attribute', async () => {
      const { id } = await configuredConnection(svc, 4);
      const step = scopeStep();
      const scope = {
        ...step.scope,
        filters: [
          { clauses: [{ attribute: 'Medewerker', operator: 'IS_NOT_NULL' as const }] },
          {
            clauses: [
              { attribute: 'Medewerker', operator: 'IS_NOT_NULL' as const },
              { attribute: 'AfdelingX', operator: 'EQUALS' as const, value: 'ICT' },
            ],
          },
        ],
      };
      const run = await failedRun(id, { ...step, scope });
      assert.equal(run.body.error.code, 'HRS_CONFIG_INVALID', run.text);
      assert.deepEqual(run.body.error.paths, ['/scope/filters/1/clauses/1/attribute'], run.text);
    });

    test('a run recorded before paths were kept: null, not an empty list', async () => {
      const { id } = await configuredConnection(svc, 4);
      const step = mappingStep();
      step.mapping = step.mapping.map((rule) =>
        rule.target === 'jobTitle'
          ? { ...rule, type: 'direct' as const, source: 'Functie_omschrijvingX' }
          : rule,
      );
      const saved = await svc.call(saveMappingStep, { as: 'operator', params: { id }, body: step });
      assert.equal(saved.status, 200, saved.text);
      const run = await failedRun(id);
      assert.equal(run.body.error.paths?.length, 1, run.text);
      // As the migration leaves the runs it finds: no paths recorded.
      await svc.store.db
        .updateTable('runs')
        .set({ error_paths: null })
        .where('id', '=', run.body.id)
        .execute();
      const older = await svc.call(getRun, { params: { id: run.body.id } });
      assert.equal(older.body.error.code, 'HRS_CONFIG_INVALID', older.text);
      assert.equal(older.body.error.paths, null, older.text);
    });
  });
}
