import type { AfasEmulatorState } from '../emulator-state.ts';
import { doesNotExist, ProfitError } from '../profit-error.ts';
import type { UpdateElement } from './envelope.ts';
import { unknownObject } from './envelope.ts';
import { actionOf, keyValue } from './field-values.ts';
import { planPerson } from './kn-person.ts';
import { employeeRows } from './people.ts';
import { knownAttributes, type UpdatePlan } from './plan.ts';

/**
 * `PUT /connectors/KnEmployee` with `{"AfasEmployee":{"Element":{"@EmId":…,"Objects":[{"KnPerson":…}]}}}`:
 * how HelloID writes an employee's work e-mail and phones back. Custom employee fields in `Fields`
 * are accepted and ignored, since their ids are specific to each Profit environment.
 *
 * Profit's status for this PUT is undocumented; the emulator answers 200 without a body, so clients
 * are exercised on "any 2xx is success" next to the 201s of KnPerson and KnUser.
 */
export function planEmployees(
  state: AfasEmulatorState,
  elements: readonly UpdateElement[],
  method: string,
): UpdatePlan {
  const changes = elements.flatMap((element) => {
    knownAttributes(element.attributes, ['EmId', 'Action'], 'AfasEmployee');
    const action = actionOf(element.attributes.Action, 'AfasEmployee');
    const employeeId = keyValue(element.attributes.EmId, '@EmId', 'Employee');
    if (method === 'POST' || action === 'insert')
      throw new ProfitError(
        'The AFAS emulator does not support inserting employees; use PUT on an existing one.',
      );
    const rows = employeeRows(state, employeeId);
    if (rows.length === 0) throw doesNotExist('Employee', employeeId);
    return element.objects.flatMap((sub) => {
      if (sub.name !== 'KnPerson') throw unknownObject(sub.name, 'KnEmployee');
      return sub.elements.flatMap((person) => planPerson(state, person, { employeeId, rows }));
    });
  });
  return { changes, status: 200 };
}
