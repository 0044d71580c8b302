/** One audit event in full: who, when, what, on what, the outcome, and its recorded details. */
import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { auditOutcome } from '../api/contracts.ts';
import type { AuditEvent } from '../api/dto.ts';
import { hrefFor } from '../app/routes.ts';
import { DetailDrawer } from '../ui/DetailDrawer.tsx';
import { formatDateTimeSeconds } from '../ui/format.ts';
import { PropertyList } from '../ui/PropertyList.tsx';
import { actionLabel, actorName, auditSentence } from './audit-sentences.ts';

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
              ['Actor', `${actorName(e.actor)} · ${e.actor.name} (${e.actor.type})`],
              ['Action', `${actionLabel(e.action)} · ${e.action}`],
              ['Outcome', auditOutcome(e).words],
              ['Message', e.message],
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
              ['Tenant', e.tenantId ?? '—'],
              [
                'Run',
                e.runId ? (
                  <Link key="r" href={hrefFor({ page: 'run', id: e.runId })}>
                    {e.runId}
                  </Link>
                ) : (
                  '—'
                ),
              ],
              ['Person', e.person ?? '—'],
              ['Event id', e.id],
            ]}
          />
          <Text weight="semibold" block style={{ marginTop: 16 }}>
            Details
          </Text>
          <pre className={styles.details} data-testid="audit-details">
            {Object.keys(e.details).length > 0 ? JSON.stringify(e.details, null, 2) : 'No further details.'}
          </pre>
        </>
      )}
    </DetailDrawer>
  );
}
