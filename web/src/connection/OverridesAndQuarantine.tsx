/**
 * The connection's overrides (link, exclude, never match) and its quarantined persons, each
 * removable or releasable by an operator; viewers see the lists without the buttons the service
 * would refuse them (issue 11, items 5 and 2).
 */
import { Button, Link, Text } from '@fluentui/react-components';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { call } from '../api/client.ts';
import {
  listOverrides,
  listQuarantine,
  OVERRIDE_WORDS,
  type OverrideDto,
  type QuarantineDto,
  refusalWords,
  releaseQuarantine,
  removeOverride,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CreatedBy } from '../ui/CreatedBy.tsx';
import { type Column, DataTable } from '../ui/DataTable.tsx';
import { formatDateTime } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';
import { RawDetail } from '../ui/RawDetail.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { useTimeZone } from '../ui/time-zone.ts';

type Override = Static<typeof OverrideDto>;
type Quarantined = Static<typeof QuarantineDto>;

const accountText = (a: { upn: string | null; displayName: string | null } | null, id: string | null) =>
  a?.upn ? `${a.upn}${a.displayName ? ` (${a.displayName})` : ''}` : (id ?? '');

export function OverridesAndQuarantine(props: {
  readonly connectionId: string;
  readonly refreshKey: string;
}) {
  const { can } = useSession();
  const zone = useTimeZone();
  const id = props.connectionId;
  const overrides = useResource(
    () => call(listOverrides, { params: { id } }).then((r) => ({ items: r.overrides })),
    `${id}-${props.refreshKey}`,
  );
  const quarantine = useResource(
    () => call(listQuarantine, { params: { id } }).then((r) => ({ items: r.persons })),
    `${id}-${props.refreshKey}`,
  );
  const [removing, setRemoving] = useState<Override | null>(null);
  const [releasing, setReleasing] = useState<Quarantined | 'all' | null>(null);
  const remove = useAction((o: Override) => call(removeOverride, { params: { id, overrideId: o.id } }));
  const release = useAction((who: Quarantined | 'all') =>
    call(releaseQuarantine, {
      params: { id },
      body: who === 'all' ? {} : { employeeNumber: who.employeeNumber },
    }),
  );
  const mayRemove = can(removeOverride);
  const mayRelease = can(releaseQuarantine);

  const overrideColumns: Column<Override>[] = [
    {
      header: 'Person',
      cell: (o) => `${o.personName ?? 'Employee'} (${o.employeeNumber})`,
    },
    {
      header: 'Override',
      cell: (o) =>
        o.kind === 'exclude'
          ? OVERRIDE_WORDS.exclude
          : `${OVERRIDE_WORDS[o.kind]} ${accountText(o.account, o.accountId)}`,
    },
    { header: 'Reason', cell: (o) => o.reason ?? '—' },
    { header: 'Added', cell: (o) => <CreatedBy at={o.createdAt} name={o.createdByName} raw={o.createdBy} /> },
    ...(mayRemove
      ? [
          {
            header: 'Actions',
            cell: (o: Override) => (
              <Button
                size="small"
                onClick={() => {
                  remove.clearError();
                  setRemoving(o);
                }}
              >
                Remove
              </Button>
            ),
          },
        ]
      : []),
  ];
  const quarantineColumns: Column<Quarantined>[] = [
    { header: 'Person', cell: (q) => `${q.displayName} (${q.employeeNumber})` },
    { header: 'Account', cell: (q) => accountText(q.account, q.accountId) || 'No account yet' },
    { header: 'Since', cell: (q) => formatDateTime(q.since, '—', zone) },
    {
      header: 'Because',
      cell: (q) => {
        // What Microsoft 365 refused and what to do; Graph's own answer behind Details.
        const words = refusalWords(q.message);
        return (
          <div>
            {words}.
            <RawDetail detail={q.message} text={words} />
          </div>
        );
      },
    },
    ...(mayRelease
      ? [
          {
            header: 'Actions',
            cell: (q: Quarantined) => (
              <Button
                size="small"
                onClick={() => {
                  release.clearError();
                  setReleasing(q);
                }}
              >
                Release
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <SectionCard
        title="Overrides"
        description="Decisions about single persons that the matcher follows in every simulation and sync. Add them from a person in a run."
      >
        <ListStates
          list={overrides}
          loadingLabel="Loading overrides…"
          empty={
            <Text data-testid="no-overrides">
              No overrides. Resolve a conflict from a person in a run to add one.
            </Text>
          }
        >
          {(data) => (
            <DataTable
              label="Overrides"
              testId="overrides"
              columns={overrideColumns}
              rows={data.items}
              rowKey={(o) => o.id}
            />
          )}
        </ListStates>
      </SectionCard>
      <SectionCard
        title="Quarantine"
        description="Persons the tenant refused for a reason retrying cannot fix. Nothing is sent to them until their AFAS data or the configuration changes, or they are released or run again."
        {...(mayRelease && (quarantine.data?.items.length ?? 0) > 1
          ? {
              action: (
                <Link
                  as="button"
                  onClick={() => {
                    release.clearError();
                    setReleasing('all');
                  }}
                >
                  Release all
                </Link>
              ),
            }
          : {})}
      >
        <ListStates
          list={quarantine}
          loadingLabel="Loading quarantined persons…"
          empty={<Text data-testid="no-quarantine">Nobody is quarantined.</Text>}
        >
          {(data) => (
            <DataTable
              label="Quarantined persons"
              testId="quarantine"
              columns={quarantineColumns}
              rows={data.items}
              rowKey={(q) => q.employeeNumber}
            />
          )}
        </ListStates>
      </SectionCard>
      {removing && (
        <ConfirmDialog
          open
          title="Remove override"
          confirmLabel="Remove"
          busy={remove.busy}
          error={remove.error}
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            void remove.run(removing).then((r) => {
              if (r) {
                setRemoving(null);
                overrides.reload();
                quarantine.reload();
              }
            })
          }
        >
          <Text>
            The next run matches {removing.personName ?? `employee ${removing.employeeNumber}`} as the
            configuration says again.
          </Text>
        </ConfirmDialog>
      )}
      {releasing && (
        <ConfirmDialog
          open
          title={releasing === 'all' ? 'Release everyone' : 'Release from quarantine'}
          confirmLabel="Release"
          busy={release.busy}
          error={release.error}
          onCancel={() => setReleasing(null)}
          onConfirm={() =>
            void release.run(releasing).then((r) => {
              if (r) {
                setReleasing(null);
                quarantine.reload();
              }
            })
          }
        >
          <Text>
            {releasing === 'all'
              ? 'Every quarantined person is sent again by the next sync.'
              : `${releasing.displayName} is sent again by the next sync.`}
          </Text>
        </ConfirmDialog>
      )}
    </>
  );
}
