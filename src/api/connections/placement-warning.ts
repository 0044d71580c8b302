/**
 * A hybrid connection whose mapping places accounts elsewhere than its tenant's containers say. Step 3
 * starts from a mapping of parentDistinguishedName that holds the tenant's containers as they were
 * then (targets/ldap/hybrid-defaults.ts), and runs follow the mapping. Changed on the tenant later,
 * the containers only moved the words on the tenant's card and in step 2 ("new accounts are created
 * in OU=Zorg"), while runs kept creating in the old OU — or, with the disabled-accounts container
 * emptied because it lies outside directory sync's scope, kept moving leavers there, which deletes
 * their cloud accounts. A warning, not a refusal: the mapping may differ on purpose; it says so.
 *
 * Only the mapping's own shapes are read (a constant container, or the default's IIF on the
 * lifecycle); a mapping of the administrator's own (a Switch on the department) is theirs to keep.
 */
import type { Connection, Tenant } from '../../store/index.ts';
import { placementRule } from '../../targets/ldap/index.ts';

export interface PlacementWarning {
  readonly kind: 'placement-differs';
  readonly message: string;
  readonly connections: readonly { readonly id: string; readonly name: string }[];
}

const PARENT = placementRule('X').target;
const LABEL = 'Container (OU) · parentDistinguishedName';

/** `OU=Staff, DC=Contoso,DC=nl` and `ou=staff,dc=contoso,dc=nl` are one container. */
const dn = (value: string): string =>
  value
    .toLowerCase()
    .replace(/\s*,\s*/g, ',')
    .trim();

const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const DEFAULT_SHAPE = new RegExp(`^IIF\\(\\[Lifecycle\\]\\s*=\\s*"gone",\\s*${QUOTED},\\s*${QUOTED}\\)$`);
const unquote = (text: string): string => text.replace(/\\(.)/g, '$1');

/** Where the mapping puts new accounts and leavers (null: leavers stay), or undefined if not read. */
function placementOf(
  connection: Connection,
  fallback: string,
): { created: string; leavers: string | null } | undefined {
  const rules = connection.config.mapping;
  // Never saved: step 3's defaults are made from the tenant's containers when it is opened.
  if (rules === undefined) return undefined;
  const rule = rules.find((r) => r.target === PARENT);
  if (rule === undefined || rule.type === 'none') return { created: fallback, leavers: null };
  if (rule.type === 'constant') return { created: rule.source ?? '', leavers: null };
  if (rule.type !== 'expression') return undefined;
  const shape = DEFAULT_SHAPE.exec((rule.source ?? '').trim());
  if (shape === null) return undefined;
  return { created: unquote(shape[2] ?? ''), leavers: unquote(shape[1] ?? '') };
}

export function placementWarning(connection: Connection, tenant: Tenant | null): PlacementWarning | null {
  const directory = tenant?.directory;
  if (!directory) return null;
  const placed = placementOf(connection, directory.container);
  if (placed === undefined) return null;
  const parts: string[] = [];
  if (placed.created !== '' && dn(placed.created) !== dn(directory.container))
    parts.push(
      `places new accounts in ${placed.created}, not in the tenant’s container for new accounts ${directory.container}`,
    );
  const disabled = directory.disabledContainer ?? null;
  if (placed.leavers === null && disabled !== null)
    parts.push(
      `leaves leavers where they are, not moved to the tenant’s container for disabled accounts ${disabled}`,
    );
  else if (placed.leavers !== null && disabled === null)
    parts.push(
      `moves leavers to ${placed.leavers}, while the tenant has no container for disabled accounts (leavers to stay where they are)`,
    );
  else if (placed.leavers !== null && disabled !== null && dn(placed.leavers) !== dn(disabled))
    parts.push(
      `moves leavers to ${placed.leavers}, not to the tenant’s container for disabled accounts ${disabled}`,
    );
  if (parts.length === 0) return null;
  return {
    kind: 'placement-differs',
    message: `The mapping of ${LABEL} in step 3 ${parts.join(', and ')}. Runs follow the mapping: change it in step 3, or change the tenant’s containers.`,
    connections: [],
  };
}

/**
 * The containers the connections' mappings place accounts in, for "test connection" to check: each
 * with the connection named. A mapping of the administrator's own (a Switch) is not read.
 */
export function mappingPlacements(
  connections: readonly Connection[],
  tenant: Tenant,
): { container: string; placedBy: string }[] {
  const directory = tenant.directory;
  if (!directory) return [];
  const out: { container: string; placedBy: string }[] = [];
  for (const connection of connections) {
    const placed = placementOf(connection, directory.container);
    if (placed === undefined) continue;
    const placedBy = `the mapping of connection “${connection.name}” (step 3)`;
    for (const container of [placed.created, placed.leavers])
      if (container !== null && container.trim() !== '') out.push({ container, placedBy });
  }
  return out;
}
