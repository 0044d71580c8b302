import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { type Fixture, startFixture, USERS } from '../test-fixture.ts';

/** One emulator per describe block, reset after every test, closed at the end. */
export function useUpdateFixture(): () => Fixture {
  let afas: Fixture | undefined;
  before(async () => {
    afas = await startFixture();
  });
  afterEach(async () => {
    await afas?.admin('POST', '/reset');
  });
  after(() => afas?.close());
  return () => afas ?? assert.fail('the AFAS fixture has not started');
}

/** Shared by the UpdateConnector tests: read back a users row, build bodies, expect Profit's 500. */
export function updateHelpers(afas: () => Fixture) {
  const user = async (medewerker: string) =>
    (
      await afas().rows(
        `/connectors/${USERS}?filterfieldids=Medewerker&filtervalues=${medewerker}&operatortypes=1`,
      )
    )[0] ?? assert.fail(`no users row ${medewerker}`);

  async function expect500(
    method: 'PUT' | 'POST',
    connector: string,
    body: unknown,
    message: string | RegExp,
  ) {
    const response = await afas().send(method, `/connectors/${connector}`, body);
    const text = await response.text();
    assert.equal(response.status, 500, text);
    const parsed = JSON.parse(text) as {
      externalMessage: string;
      errorNumber: number;
      profitLogReference: string;
    };
    if (typeof message === 'string') assert.equal(parsed.externalMessage, message);
    else assert.match(parsed.externalMessage, message);
    assert.equal(typeof parsed.errorNumber, 'number');
    assert.match(parsed.profitLogReference, /^[0-9A-F]{32}$/);
    return parsed;
  }

  return { user, expect500 };
}

export const employee = (
  emId: unknown,
  person: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  AfasEmployee: {
    Element: { '@EmId': emId, ...extra, Objects: [{ KnPerson: { Element: { Fields: person } } }] },
  },
});

export const knUser = (usId: unknown, fields: Record<string, unknown>) => ({
  KnUser: { Element: { '@UsId': usId, Fields: fields } },
});
