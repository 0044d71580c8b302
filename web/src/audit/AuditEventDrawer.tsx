/** One audit event in full: who, when, what, on what, the outcome, and its recorded details. */
import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { call } from '../api/client.ts';
import { auditOutcome, getTenant } from '../api/contracts.ts';
import type { AuditEvent } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { hrefFor } from '../app/routes.ts';
import { DetailDrawer } from '../ui/DetailDrawer.tsx';
import { formatDateTimeSeconds } from '../ui/format.ts';
import { PropertyList } from '../ui/PropertyList.tsx';
import { actionLabel, auditActor, auditSentence } from './audit-sentences.ts';

const useStyles = makeStyles({
  details: {
    marginTop: '16px',
    padding: '12px',
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/**
 * The tenant by its name ("Contoso (Microsoft 365)"); its id only once it is deleted (the id is in the
 * recorded details below). While the name loads, a placeholder: an id that flashes before the name
 * reads as the answer.
 */
function TenantName(props: { readonly id: string }) {
  const tenant = useResource(() => call(getTenant, { params: { id: props.id } }), `tenant-${props.id}`);
  if (tenant.data) return <>{tenant.data.name}</>;
  if (tenant.error) return <>{`A tenant that no longer exists (${props.id})`}</>;
  return <span data-testid="tenant-name-loading">…</span>;
}

export function AuditEventDrawer(props: {
  readonly event: AuditEvent | undefined;
  readonly onClose: () => void;
}) {
  const styles = useStyles();
  return (
    <DetailDrawer
      item={props.event}
      title={(e) => auditSentence(e)}
      onClose={props.onClose}
      testId="audit-event-drawer"
    >
      {(e) => (
        <>
          <PropertyList
            items={[
              ['Time', formatDateTimeSeconds(e.at)],
              ['Actor', `${auditActor(e)} · ${e.actor.name} (${e.actor.type})`],
              ['Action', `${actionLabel(e.action)} · ${e.action}`],
              ['Outcome', auditOutcome(e).words],
              [
                'Connection',
                e.connection ? (
                  <Link key="c" href={hrefFor({ page: 'connection', id: e.connection.id })}>
                    {e.connection.name ?? e.connection.id}
                  </Link>
                ) : (
                  '—'
                ),
              ],
              ['Tenant', e.tenantId ? <TenantName key="t" id={e.tenantId} /> : '—'],
              [
                'Run',
                e.runId ? (
                  <Link key="r" href={hrefFor({ page: 'run', id: e.runId })} title={e.runId}>
                    Open the run
                  </Link>
                ) : (
                  '—'
                ),
              ],
              ['Person', e.person ?? '—'],
            ]}
          />
          <Text weight="semibold" block style={{ marginTop: 16 }}>
            Details as recorded
          </Text>
          <pre className={styles.details} data-testid="audit-details">
            {`${e.message}\nevent ${e.id}\n\n`}
            {Object.keys(e.details).length > 0 ? JSON.stringify(e.details, null, 2) : 'No further details.'}
          </pre>
        </>
      )}
    </DetailDrawer>
  );
}
