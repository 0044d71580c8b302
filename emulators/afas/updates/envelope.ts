import { BadRequest, ProfitError } from '../profit-error.ts';

/**
 * One `Element` of an UpdateConnector body:
 * `{ "@Key": …, "@Action": …, "Fields": { … }, "Objects": [ { "<Sub>": { "Element": … } } ] }`.
 */
export interface UpdateElement {
  /** `@`-prefixed members, without the `@` */
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly objects: readonly SubObject[];
}

export interface SubObject {
  readonly name: string;
  readonly elements: readonly UpdateElement[];
}

export function parseJsonBody(body: unknown): unknown {
  if (typeof body !== 'string' || body.trim() === '') throw new BadRequest('no request body');
  try {
    return JSON.parse(body);
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}

/** Reads `{ "<objectName>": { "Element": … } }`; `Element` may be one object or an array of them. */
export function parseEnvelope(document: unknown, connector: string, objectName: string): UpdateElement[] {
  if (!isRecord(document)) throw new BadRequest('request body is not a JSON object');
  const names = Object.keys(document);
  const unknown = names.find((name) => name !== objectName);
  if (unknown !== undefined) throw unknownObject(unknown, connector);
  if (names.length === 0) throw new ProfitError(`The request contains no '${objectName}' object.`);
  return elementsOf(document[objectName], objectName);
}

function elementsOf(container: unknown, objectName: string): UpdateElement[] {
  if (!isRecord(container) || !('Element' in container))
    throw new ProfitError(`The object '${objectName}' has no 'Element'.`);
  const extra = Object.keys(container).find((key) => key !== 'Element');
  if (extra !== undefined) throw new ProfitError(`'${extra}' is not known in object '${objectName}'.`);
  const raw = container.Element;
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new ProfitError(`The object '${objectName}' has no 'Element'.`);
  return list.map((element) => elementOf(element, objectName));
}

function elementOf(element: unknown, objectName: string): UpdateElement {
  if (!isRecord(element)) throw new ProfitError(`An 'Element' of '${objectName}' is not an object.`);
  const attributes: Record<string, unknown> = {};
  let fields: Record<string, unknown> = {};
  let objects: SubObject[] = [];
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('@')) attributes[key.slice(1)] = value;
    else if (key === 'Fields') {
      if (!isRecord(value)) throw new ProfitError(`'Fields' of '${objectName}' is not an object.`);
      fields = value;
    } else if (key === 'Objects') objects = subObjectsOf(value, objectName);
    else throw new ProfitError(`'${key}' is not known in object '${objectName}'.`);
  }
  return { attributes, fields, objects };
}

function subObjectsOf(value: unknown, parent: string): SubObject[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (!isRecord(item)) throw new ProfitError(`'Objects' of '${parent}' must hold objects.`);
    return Object.entries(item).map(([name, container]) => ({ name, elements: elementsOf(container, name) }));
  });
}

export function unknownObject(name: string, connector: string): ProfitError {
  return new ProfitError(`The object '${name}' is not known in UpdateConnector '${connector}'.`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
