/**
 * What a dataset file must hold, checked once where it is read: both emulators' --data and
 * `readDataset`. Before this, the Graph emulator took `[]`, `{}` or `{"users": 5}` as a tenant and
 * died on "Cannot read properties of undefined (reading 'toLowerCase')", and a user whose mail was
 * 5 was served and broke later requests. The schemas say what the emulators rely on; properties they
 * do not know are allowed (a hand-made dataset may carry more of Graph's user).
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { firstProblem } from '../shared/schema-problem.ts';
import { afasReferenceProblem } from './afas-references.ts';
import { tenantReferenceProblem } from './tenant-references.ts';
import { userClash } from './tenant-uniqueness.ts';
import type { AfasDataset, DemoCompany, TenantDataset } from './types.ts';

const text = Type.String();
const name = Type.String({ minLength: 1 });
const orNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const count = Type.Integer({ minimum: 0 });

const AfasFieldSchema = Type.Object({
  id: name,
  fieldId: text,
  dataType: Type.Union([
    Type.Literal('string'),
    Type.Literal('int'),
    Type.Literal('decimal'),
    Type.Literal('date'),
    Type.Literal('boolean'),
  ]),
  label: text,
  length: count,
  controlType: Type.Integer(),
  decimals: count,
  decimalsFieldId: text,
});

const AfasDatasetSchema = Type.Object({
  environmentId: name,
  connectors: Type.Array(
    Type.Object({
      id: name,
      description: text,
      fields: Type.Array(AfasFieldSchema),
      rows: Type.Array(
        Type.Record(Type.String(), Type.Union([text, Type.Number(), Type.Boolean(), Type.Null()])),
      ),
    }),
  ),
});

const LicenceSchema = Type.Object({ skuId: name, disabledPlans: Type.Array(text) });

const UserSchema = Type.Object({
  id: name,
  userPrincipalName: name,
  displayName: text,
  mailNickname: text,
  accountEnabled: Type.Boolean(),
  ...Object.fromEntries(
    [
      'givenName',
      'surname',
      'mail',
      'employeeId',
      'employeeType',
      'employeeHireDate',
      'employeeLeaveDateTime',
      'jobTitle',
      'department',
      'companyName',
      'officeLocation',
      'usageLocation',
      'mobilePhone',
      'preferredLanguage',
      'managerId',
      'userType',
    ].map((key) => [key, Type.Optional(orNull(text))]),
  ),
  otherMails: Type.Optional(Type.Array(text)),
  proxyAddresses: Type.Optional(Type.Array(text)),
  businessPhones: Type.Optional(Type.Array(text)),
  onPremisesSyncEnabled: Type.Optional(orNull(Type.Boolean())),
  createdDateTime: Type.Optional(text),
  assignedLicenses: Type.Optional(Type.Array(LicenceSchema)),
});

const TenantDatasetSchema = Type.Object({
  tenantId: name,
  displayName: text,
  domains: Type.Array(Type.Object({ id: name, isVerified: Type.Boolean(), isDefault: Type.Boolean() })),
  users: Type.Array(UserSchema),
  groups: Type.Array(
    Type.Object({
      id: name,
      displayName: text,
      members: Type.Array(name),
      description: Type.Optional(orNull(text)),
      securityEnabled: Type.Optional(Type.Boolean()),
      mailEnabled: Type.Optional(Type.Boolean()),
      groupTypes: Type.Optional(Type.Array(text)),
      assignedLicenses: Type.Optional(Type.Array(LicenceSchema)),
    }),
  ),
  subscribedSkus: Type.Array(
    Type.Object({
      skuId: name,
      skuPartNumber: text,
      prepaidUnits: Type.Object({ enabled: count }),
      consumedUnits: count,
      servicePlans: Type.Optional(Type.Array(Type.Object({ servicePlanId: name, servicePlanName: text }))),
    }),
  ),
  directoryRoles: Type.Optional(
    Type.Array(Type.Object({ id: name, roleTemplateId: name, displayName: text, members: Type.Array(name) })),
  ),
});

const DemoCompanySchema = Type.Object({
  afas: AfasDatasetSchema,
  tenant: TenantDatasetSchema,
  manifest: Type.Optional(Type.Object({})),
});

// What a schema admits must be what the emulators' types promise (checked by the compiler).
type Admits<T, U extends T> = U;
export type CheckedTypes = [
  Admits<AfasDataset, Static<typeof AfasDatasetSchema>>,
  Admits<TenantDataset, Static<typeof TenantDatasetSchema>>,
  Admits<Omit<DemoCompany, 'manifest'>, Static<typeof DemoCompanySchema>>,
];

/** A user seeded through the Graph emulator's `/__admin/users`: what it leaves out is filled in. */
const SeededUserSchema = Type.Object({
  ...UserSchema.properties,
  id: Type.Optional(name),
  displayName: Type.Optional(text),
  mailNickname: Type.Optional(text),
  accountEnabled: Type.Optional(Type.Boolean()),
});

const checkers = {
  afas: TypeCompiler.Compile(AfasDatasetSchema),
  tenant: TypeCompiler.Compile(TenantDatasetSchema),
  company: TypeCompiler.Compile(DemoCompanySchema),
  seededUser: TypeCompiler.Compile(SeededUserSchema),
};

/** What is wrong with a user to seed (`where` names it, e.g. `users[2]`), or undefined. */
export function seededUserProblem(value: unknown, where: string): string | undefined {
  return firstProblem(checkers.seededUser, value, where);
}

/**
 * The AfasDataset an AFAS emulator serves: the file's own, or a DemoCompany's `afas`. Past its
 * shape, its keys and references must be ones Profit could serve; `usersConnector` is the
 * GetConnector with one row per employee (the AFAS emulator's --users-connector).
 */
export function afasDatasetIn(value: unknown, source: string, usersConnector?: string): AfasDataset {
  const part = partOf(value, 'afas');
  const problem = firstProblem(checkers.afas, part.value, part.path);
  if (problem !== undefined)
    throw new Error(`${source} is neither an AfasDataset nor a DemoCompany: ${problem}`);
  const dataset = part.value as AfasDataset;
  refuseAfasReferences(dataset, part.path, source, usersConnector);
  return dataset;
}

/** The TenantDataset a Graph emulator serves: the file's own, or a DemoCompany's `tenant`. */
export function tenantDatasetIn(value: unknown, source: string): TenantDataset {
  const part = partOf(value, 'tenant');
  const problem = firstProblem(checkers.tenant, part.value, part.path);
  if (problem !== undefined)
    throw new Error(`${source} is neither a TenantDataset nor a DemoCompany: ${problem}`);
  const tenant = part.value as TenantDataset;
  refuseTenantProblems(tenant, part.path, source);
  return tenant;
}

/** A whole DemoCompany (what `hrsync demo-data --out` writes). */
export function demoCompanyIn(value: unknown, source: string): DemoCompany {
  const problem = firstProblem(checkers.company, value, '');
  if (problem !== undefined) throw new Error(`${source} is not a DemoCompany: ${problem}`);
  const company = value as DemoCompany;
  refuseAfasReferences(company.afas, 'afas', source);
  refuseTenantProblems(company.tenant, 'tenant', source);
  return company;
}

function refuseAfasReferences(dataset: AfasDataset, path: string, source: string, usersConnector?: string) {
  const problem = afasReferenceProblem(dataset, path, usersConnector);
  if (problem !== undefined) throw new Error(`${source} holds data AFAS could not serve: ${problem}`);
}

function refuseTenantProblems(tenant: TenantDataset, path: string, source: string) {
  const problem =
    userClash(tenant.users, path === '' ? 'users' : `${path}.users`) ?? tenantReferenceProblem(tenant, path);
  if (problem !== undefined) throw new Error(`${source} holds a tenant Entra ID would refuse: ${problem}`);
}

/** A DemoCompany holds both datasets; a file holding only one is that dataset itself. */
function partOf(value: unknown, key: 'afas' | 'tenant'): { value: unknown; path: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && key in value
    ? { value: (value as Record<string, unknown>)[key], path: key }
    : { value, path: '' };
}
