import { badRequest, GraphError, invalidValue } from '../graph/graph-error.ts';
import type { PropertySpec } from './user-properties.ts';

const UPN_LOCAL = /^[A-Za-z0-9'.\-_!#^~]+$/;
const SMTP = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const ALIAS_FORBIDDEN = /[@()\\[\]";:<>,\s]/;
const EXTENSION_ATTRIBUTE = /^extensionAttribute([1-9]|1[0-5])$/;

/**
 * Validates and normalises one property value from a request body. Strings must fit their limit
 * and may not be empty (send null to clear); dates are rendered the way Graph returns them.
 */
export function normaliseValue(spec: PropertySpec, value: unknown): unknown {
  if (value === null) {
    if (spec.requiredOnCreate || spec.kind === 'boolean') throw invalidValue(spec.name);
    return null;
  }
  switch (spec.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw literalError(value, 'Edm.Boolean');
      return value;
    case 'string':
      return normaliseString(spec, value);
    case 'dateTime':
      return normaliseDateTime(spec, value);
    case 'strings':
      return normaliseStrings(spec, value);
    case 'object':
      return normaliseObject(spec, value);
    case 'licenses':
      throw readOnly(spec.name);
  }
}

export function readOnly(name: string): GraphError {
  return badRequest(`Property '${name}' is read-only and cannot be set.`, [
    { target: name, code: 'ReadOnly' },
  ]);
}

/** The local part of a UPN allows `A-Z a-z 0-9 ' . - _ ! # ^ ~`, up to 64 characters. */
export function upnIsWellFormed(upn: string): boolean {
  const at = upn.indexOf('@');
  if (at <= 0 || at !== upn.lastIndexOf('@')) return false;
  const local = upn.slice(0, at);
  const domain = upn.slice(at + 1);
  return (
    local.length <= 64 &&
    UPN_LOCAL.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain)
  );
}

export function isSmtpAddress(value: string): boolean {
  return SMTP.test(value);
}

/** Entra's rule: 8–256 characters with three of lower case, upper case, digits and symbols. */
export function passwordIsComplex(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

function normaliseString(spec: PropertySpec, value: unknown): string {
  if (typeof value !== 'string') throw literalError(value, 'Edm.String');
  if (value === '' || (spec.maxLength !== undefined && value.length > spec.maxLength))
    throw invalidValue(spec.name);
  switch (spec.name) {
    case 'mail':
      if (!isSmtpAddress(value)) throw invalidValue(spec.name);
      return value;
    case 'mailNickname':
      if (ALIAS_FORBIDDEN.test(value) || !/^[\x21-\x7e]+$/.test(value)) throw invalidValue(spec.name);
      return value;
    case 'usageLocation':
      if (!/^[A-Za-z]{2}$/.test(value)) throw invalidValue(spec.name);
      return value.toUpperCase();
    case 'preferredLanguage':
      if (!/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/i.test(value)) throw invalidValue(spec.name);
      return value;
    case 'userType':
      if (value !== 'Member' && value !== 'Guest') throw invalidValue(spec.name);
      return value;
    default:
      return value;
  }
}

function normaliseDateTime(spec: PropertySpec, value: unknown): string {
  if (typeof value !== 'string') throw literalError(value, 'Edm.DateTimeOffset');
  // DateTimeOffset needs a zone (Z or ±hh:mm); a bare date is not accepted.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw literalError(value, 'Edm.DateTimeOffset');
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidValue(spec.name);
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function normaliseStrings(spec: PropertySpec, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw literalError(value, 'Collection(Edm.String)');
  }
  if (spec.name === 'businessPhones' && value.length > 1) throw invalidValue(spec.name);
  if (spec.name === 'otherMails' && !value.every(isSmtpAddress)) throw invalidValue(spec.name);
  return [...value];
}

function normaliseObject(spec: PropertySpec, value: unknown): unknown {
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidValue(spec.name);
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => !k.startsWith('@odata'));
  const stringOrNull = (v: unknown, max: number) => v === null || (typeof v === 'string' && v.length <= max);
  switch (spec.name) {
    case 'passwordProfile': {
      const profile = Object.fromEntries(entries);
      if (typeof profile.password !== 'string') throw invalidValue('passwordProfile');
      if (!passwordIsComplex(profile.password)) {
        throw badRequest(
          'The specified password does not comply with password complexity requirements. Please provide a different password.',
        );
      }
      return {
        forceChangePasswordNextSignIn: profile.forceChangePasswordNextSignIn === true,
        forceChangePasswordNextSignInWithMfa: profile.forceChangePasswordNextSignInWithMfa === true,
      };
    }
    case 'employeeOrgData':
      if (!entries.every(([k, v]) => (k === 'division' || k === 'costCenter') && stringOrNull(v, 256))) {
        throw invalidValue(spec.name);
      }
      return Object.fromEntries(entries);
    case 'onPremisesExtensionAttributes':
      if (!entries.every(([k, v]) => EXTENSION_ATTRIBUTE.test(k) && stringOrNull(v, 1024))) {
        throw invalidValue(spec.name);
      }
      return Object.fromEntries(entries);
    default:
      throw invalidValue(spec.name);
  }
}

function literalError(value: unknown, type: string): GraphError {
  return new GraphError(
    400,
    'BadRequest',
    `Cannot convert the literal '${typeof value === 'string' ? value : JSON.stringify(value)}' to the expected type '${type}'.`,
  );
}
