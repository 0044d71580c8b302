/**
 * The field ids hrsync relies on in each GetConnector role (the HelloID "v2" connector set, see
 * external-apis.md §1.9). Customers may use their own connectors as long as these fields exist.
 */

export const CONNECTOR_ROLES = ['users', 'employments', 'organizationalUnits'] as const;
export type ConnectorRole = (typeof CONNECTOR_ROLES)[number];

/**
 * Each role is read sorted on its key, so pages are stable; the key must be unique and never empty.
 * (AFAS spells the employment key `ExternalID` and the org-unit key `ExternalId`.)
 */
export const CONNECTOR_KEYS: Readonly<Record<ConnectorRole, string>> = {
  users: 'Medewerker',
  employments: 'ExternalID',
  organizationalUnits: 'ExternalId',
};

/** The employee number on users and employments rows; readOne filters on it. */
export const EMPLOYEE_NUMBER_FIELD = 'Medewerker';

/** Fields without which a run cannot be planned (test connection reports each missing one). */
export const REQUIRED_FIELDS: Readonly<Record<ConnectorRole, readonly string[]>> = {
  users: ['Medewerker', 'Persoonsnummer'],
  employments: ['ExternalID', 'Medewerker', 'Begindatum_functie', 'Einddatum_functie'],
  organizationalUnits: ['ExternalId', 'ParentExternalId'],
};

/** Users fields that write-back reads to compare and to address the UpdateConnectors. */
export const WRITE_BACK_FIELDS = {
  /** KnPerson BcCo, addresses the person inside KnEmployee. */
  personNumber: 'Persoonsnummer',
  /** KnPerson EmAd, the work e-mail. */
  email: 'Email_werk',
  /** KnUser UsId, the Profit user of the employee (may be empty: not every employee has one). */
  userId: 'Gebruiker',
  upn: 'UPN',
  userEmail: 'Email_werk_gebruiker',
} as const;
