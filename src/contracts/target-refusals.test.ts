import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphRefusal, refusalWords } from './target-refusals.ts';

/** Graph's answers as the writer reports them (targets/graph/batch-outcome.ts), and their words. */
const CASES: readonly [string, string][] = [
  [
    'update account f476c31b (employee 100027): 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. The app may write users, so Graph refused this account itself: it holds a privileged administrator role, and only an administrator with a higher role may enable or disable it. Make the change in the Microsoft Entra admin center, or exclude the person with an override.',
    'Microsoft 365 refused to update the account: it holds a privileged administrator role, which only an administrator with a higher role may change. Make the change in the Microsoft Entra admin center, or exclude the person with an override',
  ],
  [
    'disable account f476 (employee 100027): 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. Writing employeeLeaveDateTime needs the User-LifeCycleInfo.ReadWrite.All application permission.',
    'Microsoft 365 refused to disable the account: the app registration lacks the permission to write users (User.ReadWrite.All, and User-LifeCycleInfo.ReadWrite.All for the employee leave date). Grant it in the Microsoft Entra admin center under App registrations → API permissions, and give admin consent',
  ],
  [
    'create employee 100051: 400 Request_BadRequest [ObjectConflict: userPrincipalName]: Another object with the same value for property userPrincipalName already exists.',
    'Microsoft 365 refused to create the account: another object in the tenant already has this User principal name · userPrincipalName. Change the naming in step 3, or link the person to that account with an override',
  ],
  [
    "update account a1 (employee 1): 400 Request_BadRequest: Invalid value specified for property 'mobilePhone' of resource 'User'.",
    'Microsoft 365 refused to update the account: the value of Mobile phone · mobilePhone is not valid there. Correct it in AFAS, or the mapping in step 3',
  ],
  [
    "delete account a1 (employee 1): 404 Request_ResourceNotFound: Resource 'a1' does not exist.",
    'Microsoft 365 refused to delete the account: it was not found in the tenant (deleted, or its id changed)',
  ],
  [
    'set-manager account a1 (employee 1): 400 Request_BadRequest: One or more properties are invalid.',
    'Microsoft 365 refused to set the manager: it calls the request invalid (“One or more properties are invalid”)',
  ],
  // Active Directory's refusals are words already: kept, as a sentence.
  [
    'the bind account lacks the permission for this; delegate create, modify and move of user objects on the container to it',
    'The bind account lacks the permission for this; delegate create, modify and move of user objects on the container to it',
  ],
];

test("Graph's refusals read as what was refused and what to do, never as Graph's codes", () => {
  for (const [message, words] of CASES) {
    assert.equal(refusalWords(message), words);
    assert.doesNotMatch(refusalWords(message), /Authorization_|Request_|\b40\d\b|employee \d/);
  }
});

test("Graph's answer stays readable as data behind the words", () => {
  assert.deepEqual(graphRefusal(CASES[2]?.[0] ?? ''), {
    write: 'create',
    status: 400,
    code: 'Request_BadRequest',
    details: 'ObjectConflict: userPrincipalName',
    said: 'Another object with the same value for property userPrincipalName already exists.',
  });
  assert.equal(graphRefusal('something else'), null);
});
