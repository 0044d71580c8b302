/**
 * Writes generated e-mail/UPN back to AFAS the way identity tools do: the work e-mail on the person
 * through KnEmployee (KnPerson EmAd), the UPN (and e-mail) on the employee's Profit user through KnUser.
 * Only changed fields are sent — AFAS may reject an update that sets a field to the value it has.
 */
import { type Attributes, type ErrorCode, HrsyncError } from '../../core/index.ts';
import type { AfasClient } from './afas-client.ts';
import { WRITE_BACK_FIELDS as F } from './afas-fields.ts';
import { updateConnectorUrl } from './afas-url.ts';

/**
 * The catalogue has no write-back code yet; a failed write-back is reported with the read-failure code
 * and a message that says "write-back". (A dedicated HRS_SOURCE_WRITE_FAILED is requested.)
 */
const WRITE_BACK_FAILED: ErrorCode = 'HRS_SOURCE_WRITE_FAILED';

export interface WriteBackValues {
  readonly email?: string;
  readonly upn?: string;
}

/** Only the fields whose value differs from what AFAS has, per UpdateConnector. */
export function writeBackChanges(
  row: Attributes,
  values: WriteBackValues,
): { person: { EmAd?: string }; user: { Upn?: string; EmAd?: string } } {
  const differs = (field: string, value: string | undefined): value is string =>
    value !== undefined && (row[field] ?? '') !== value;
  const person: { EmAd?: string } = {};
  const user: { Upn?: string; EmAd?: string } = {};
  if (differs(F.email, values.email)) person.EmAd = values.email;
  if (values.upn !== undefined) {
    if (differs(F.upn, values.upn)) user.Upn = values.upn;
    if (differs(F.userEmail, values.email)) user.EmAd = values.email;
  }
  return { person, user };
}

export async function writeBack(
  client: AfasClient,
  base: string,
  employeeNumber: string,
  row: Attributes | undefined,
  values: WriteBackValues,
): Promise<void> {
  if (row === undefined) throw failed(`employee ${employeeNumber} is not in the users GetConnector`);
  const { person, user } = writeBackChanges(row, values);
  if (Object.keys(person).length > 0) {
    const personNumber = row[F.personNumber];
    if (personNumber === null || personNumber === undefined || personNumber === '') {
      throw failed(
        `employee ${employeeNumber} has no ${F.personNumber}, so KnEmployee cannot address the person`,
      );
    }
    await client.send({
      method: 'PUT',
      url: updateConnectorUrl(base, 'KnEmployee'),
      what: `PUT connectors/KnEmployee (employee ${employeeNumber}, write-back)`,
      failureCode: WRITE_BACK_FAILED,
      body: {
        AfasEmployee: {
          Element: {
            '@EmId': employeeNumber,
            // MatchPer 0: match the person on BcCo (the person number), never create one.
            Objects: [
              { KnPerson: { Element: { Fields: { MatchPer: '0', BcCo: String(personNumber), ...person } } } },
            ],
          },
        },
      },
    });
  }
  if (Object.keys(user).length > 0) {
    const userId = row[F.userId];
    if (userId === null || userId === undefined || userId === '') {
      throw failed(
        `employee ${employeeNumber} has no Profit user (${F.userId} is empty), so the UPN cannot be written`,
      );
    }
    await client.send({
      method: 'PUT',
      url: updateConnectorUrl(base, 'KnUser'),
      what: `PUT connectors/KnUser (user ${String(userId)}, write-back)`,
      failureCode: WRITE_BACK_FAILED,
      // MtCd 1: add/update the user without touching its groups or blocked state.
      body: { KnUser: { Element: { '@UsId': String(userId), Fields: { MtCd: '1', ...user } } } },
    });
  }
}

const failed = (message: string) => new HrsyncError(WRITE_BACK_FAILED, `AFAS write-back failed: ${message}.`);
