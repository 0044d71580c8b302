/**
 * The "test" actions of the configuration steps: AFAS connection test (of the saved settings, or of
 * unsaved ones as typed) and the expression tester.
 */

import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import {
  type ExpressionTestDto,
  testExpression,
  testSourceStep,
  testUnsavedSource,
} from '../../contracts/index.ts';
import { HrsyncError, SourceConfig } from '../../core/index.ts';
import { compile, PatternTimeout } from '../../expr/index.ts';
import { resolveToken } from '../../jobs/connection-config.ts';
import { DEFAULT_TIME_ZONE } from '../connections/defaults.ts';
import { loadConnection } from '../connections/load.ts';
import { readSourcePersons, savedSource } from '../connections/source-persons.ts';
import { registerEndpoint } from '../route.ts';
import { checkSourceEndpoint } from './configuration.ts';

export async function configurationTestRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, testSourceStep, async ({ caller, store, deps, params, audit, about }) => {
    const connection = await loadConnection(store, caller, params.id);
    about({ connectionId: connection.id, connectionName: connection.name });
    const source = savedSource(connection);
    const token = await resolveToken(store, caller.organisationId, source);
    const writeBack = connection.config.writeBack;
    const result = await deps.connectors.testSource(source, token, {
      writeBack: writeBack !== undefined && (writeBack.email || writeBack.upn),
    });
    await audit('connection.source-tested', {
      connectionId: connection.id,
      connectionName: connection.name,
      tenantId: connection.tenantId,
      outcome: result.ok ? 'success' : 'failure',
      message: `AFAS connection tested: ${result.message}`,
      details: { checks: result.checks.map((c) => ({ name: c.name, ok: c.ok })) },
    });
    return { ok: result.ok, message: result.message, checks: result.checks.map((c) => ({ ...c })) };
  });

  /**
   * Test connection on what step 1's form holds, before saving (issue 12, item 6). The same rules as
   * saving step 1: an operator may test, only an admin may point the environment elsewhere, the host
   * must be an official AFAS host unless the server allows others, and the stored token is used only
   * for the environment it was saved with — a changed one needs the token typed in this request.
   * Nothing is stored; the test is audited.
   */
  registerEndpoint(app, testUnsavedSource, async ({ caller, store, deps, params, body, audit, about }) => {
    const connection = await loadConnection(store, caller, params.id);
    about({ connectionId: connection.id, connectionName: connection.name });
    const existing = connection.config.source;
    const stored = existing?.token !== undefined && 'stored' in existing.token ? existing.token : null;
    checkSourceEndpoint(caller, existing, body.environment, stored !== null, body.token !== undefined, deps);
    if (body.token === undefined && stored === null) {
      const message = 'enter the App Connector token; none is stored for this connection';
      throw new HrsyncError('HRS_CONFIG_INVALID', `Step 1 has 1 problem: /token ${message}`, {
        details: [{ path: '/token', message }],
      });
    }
    // checkSourceEndpoint let a blank token through only for the environment the token was saved with.
    const token =
      body.token ??
      (existing !== undefined && stored !== null
        ? await resolveToken(store, caller.organisationId, existing)
        : '');
    const source = Value.Default(SourceConfig, {
      type: 'afas-profit',
      environment: structuredClone(body.environment),
      // The adapter is handed the token itself; this reference is never resolved.
      token: { env: 'HRSYNC_UNSAVED_TEST' },
      ...(body.connectors === undefined ? {} : { connectors: { ...body.connectors } }),
      ...(body.pageSize === undefined ? {} : { pageSize: body.pageSize }),
      ...(body.parallel === undefined ? {} : { parallel: body.parallel }),
    }) as SourceConfig;
    const writeBack = connection.config.writeBack;
    const result = await deps.connectors.testSource(source, token, {
      writeBack: writeBack !== undefined && (writeBack.email || writeBack.upn),
    });
    await audit('connection.source-tested', {
      connectionId: connection.id,
      connectionName: connection.name,
      tenantId: connection.tenantId,
      outcome: result.ok ? 'success' : 'failure',
      message: `AFAS connection tested with unsaved settings: ${result.message}`,
      details: { unsaved: true, checks: result.checks.map((c) => ({ name: c.name, ok: c.ok })) },
    });
    return { ok: result.ok, message: result.message, checks: result.checks.map((c) => ({ ...c })) };
  });

  registerEndpoint(app, testExpression, async ({ caller, store, deps, params, body, audit, about }) => {
    const connection = await loadConnection(store, caller, params.id);
    about({ connectionId: connection.id, connectionName: connection.name });
    const timeZone = connection.config.timeZone ?? DEFAULT_TIME_ZONE;
    const now = deps.clock.now();
    const persons = await readSourcePersons(deps, connection, { employeeNumber: body.employeeNumber });
    const person = persons.find((p) => p.employeeNumber === body.employeeNumber);
    if (!person) {
      throw new HrsyncError(
        'HRS_NOT_FOUND',
        `Employee ${body.employeeNumber} was not found in AFAS for this connection.`,
      );
    }
    const who = { employeeNumber: person.employeeNumber, displayName: person.displayName };
    const compiled = compile(body.expression);
    let result: Omit<Static<typeof ExpressionTestDto>, 'person'>;
    if (!compiled.ok) {
      result = { ok: false, error: { code: 'HRS_EXPR_SYNTAX', message: compiled.error.message } };
    } else {
      const domain = connection.config.destination?.defaultDomain;
      let evaluated: ReturnType<typeof compiled.expression.evaluate>;
      try {
        evaluated = compiled.expression.evaluate({
          attributes: { ...person.attributes, ...(domain === undefined ? {} : { Domain: domain }) },
          now: () => now,
          random: Math.random,
          timeZone,
        });
      } catch (error) {
        if (!(error instanceof PatternTimeout)) throw error;
        evaluated = {
          ok: false,
          error: { code: 'HRS_PATTERN_TIMEOUT', message: error.message, position: 0 },
        };
      }
      result = evaluated.ok
        ? {
            ok: true,
            value: evaluated.redacted
              ? '[redacted]'
              : (structuredClone(evaluated.value) as string | number | boolean | string[] | null),
          }
        : { ok: false, error: { code: evaluated.error.code, message: evaluated.error.message } };
    }
    await audit('connection.expression-tested', {
      connectionId: connection.id,
      connectionName: connection.name,
      tenantId: connection.tenantId,
      person: person.employeeNumber,
      outcome: result.ok ? 'success' : 'failure',
      message: `expression tested against employee ${person.employeeNumber}${result.ok ? '' : `: ${result.error?.message}`}`,
      details: { expression: body.expression },
    });
    return { ...result, person: who };
  });
}
