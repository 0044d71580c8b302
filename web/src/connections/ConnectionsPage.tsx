/**
 * The connections list page: command bar (create, copy, and the operations the selected
 * connection's state allows), a search box that filters by name on Enter, the table and paging.
 */
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  SearchBox,
  Text,
  Toolbar,
  ToolbarButton,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import {
  AddRegular,
  ArrowClockwiseRegular,
  CopyRegular,
  PlugDisconnectedRegular,
} from '@fluentui/react-icons';
import { type KeyboardEvent, useState } from 'react';
import { call } from '../api/client.ts';
import {
  copyConnection,
  createConnection,
  listConnections,
  saveSourceStep,
  simulate,
} from '../api/contracts.ts';
import { useResource } from '../api/use-resource.ts';
import { navigate } from '../app/routes.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConnectionActions } from '../connection-ops/ConnectionActions.tsx';
import { markJustCreated } from '../setup/continue-setup.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { PHONE } from '../ui/phone-list.ts';
import { ConnectionsTable, type Sort } from './ConnectionsTable.tsx';
import { CopyConnectionDialog } from './CopyConnectionDialog.tsx';
import { CreateConnectionDialog } from './CreateConnectionDialog.tsx';

const useStyles = makeStyles({
  commandBar: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    flexWrap: 'wrap',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: '4px',
    marginBottom: '8px',
  },
  // The commands and the search wrap as one row of items (the toolbar lends its buttons to the bar's
  // flex layout; it stays the toolbar for screen readers and arrow keys): at 1024 px a toolbar box beside
  // the search wrapped into three rows ("Activate · Delete" under "Set schedule · Deactivate" under
  // "Create connection · Simulate"); now the buttons that do not fit go to the second row, beside the search.
  toolbar: { display: 'contents' },
  right: {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    minWidth: 0,
    maxWidth: '100%',
    [PHONE]: { flexWrap: 'wrap', flexBasis: '100%' },
  },
  // On a phone the search box takes a line of its own: beside the count it had 168 px at 390 px and
  // 98 at 320, and cut its hint ("Search by name, press E").
  search: { width: '260px', minWidth: 0, maxWidth: '100%', flexShrink: 1, [PHONE]: { flex: '1 1 100%' } },
  // "2 items" on one line: the search box gives way first.
  count: { whiteSpace: 'nowrap', flexShrink: 0 },
  tableWrap: { overflowX: 'auto' },
});

const PAGE_SIZE = 50;

export function ConnectionsPage() {
  const styles = useStyles();
  const { can } = useSession();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<Sort>({ key: 'name', order: 'asc' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'create' | 'copy' | null>(null);

  const list = useResource(
    () =>
      call(listConnections, { query: { q, page, pageSize: PAGE_SIZE, sort: sort.key, order: sort.order } }),
    JSON.stringify({ q, page, sort }),
  );
  const items = list.data?.items ?? [];
  const selected = items.find((c) => c.id === selectedId);

  const search = (value: string) => {
    setQ(value.trim());
    setPage(1);
    setSelectedId(null);
  };
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') search(draft);
  };

  const mayCreate = can(createConnection);
  const mayCopy = can(copyConnection);

  return (
    <>
      <PageHeader
        title="Connections"
        subtitle="Each connection keeps one customer’s Microsoft 365 tenant in step with one AFAS Profit environment."
      />
      <div className={styles.commandBar}>
        <Toolbar aria-label="Connection commands" className={styles.toolbar}>
          {(mayCreate || mayCopy) && (
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <ToolbarButton appearance="primary" icon={<AddRegular />} data-operation="create">
                  Create connection
                </ToolbarButton>
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  {mayCreate && (
                    <MenuItem icon={<AddRegular />} onClick={() => setDialog('create')}>
                      Create new connection
                    </MenuItem>
                  )}
                  {mayCopy && (
                    <MenuItem icon={<CopyRegular />} onClick={() => setDialog('copy')}>
                      Copy from another connection
                    </MenuItem>
                  )}
                </MenuList>
              </MenuPopover>
            </Menu>
          )}
          <ConnectionActions
            target={selected}
            onChanged={list.reload}
            onDeleted={() => {
              setSelectedId(null);
              list.reload();
            }}
            onSimulated={(run) => navigate({ page: 'run', id: run.id })}
          />
        </Toolbar>
        <div className={styles.right}>
          <Tooltip content="Refresh" relationship="label">
            <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={list.reload} />
          </Tooltip>
          <Text size={200} aria-live="polite" data-testid="connection-count" className={styles.count}>
            {list.data ? `${list.data.total} ${list.data.total === 1 ? 'item' : 'items'}` : ''}
          </Text>
          <SearchBox
            placeholder="Search, press Enter"
            aria-label="Search connections by name"
            value={draft}
            onChange={(_, d) => {
              setDraft(d.value);
              // Clearing the box (its × button or deleting the text) shows everything again.
              if (d.value === '' && q !== '') search('');
            }}
            onKeyDown={onSearchKey}
            className={styles.search}
          />
        </div>
      </div>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading label="Loading connections…" />
      ) : list.data && items.length === 0 ? (
        q ? (
          <EmptyState title={`No connection name contains “${q}”`} icon={<PlugDisconnectedRegular />}>
            Try another search, or clear the search box.
          </EmptyState>
        ) : (
          <EmptyState
            title="No connections yet"
            icon={<PlugDisconnectedRegular />}
            action={
              mayCreate ? (
                <Button appearance="primary" onClick={() => setDialog('create')}>
                  Create a connection
                </Button>
              ) : undefined
            }
          >
            A connection keeps a tenant’s accounts in step with AFAS Profit.
            {!mayCreate && ' Ask an operator or administrator to create one.'}
          </EmptyState>
        )
      ) : (
        items.length > 0 && (
          <>
            <div className={styles.tableWrap}>
              <ConnectionsTable
                connections={items}
                selectedId={selectedId}
                onSelect={setSelectedId}
                sort={sort}
                mayContinue={can(saveSourceStep)}
                maySimulate={can(simulate)}
                onSort={(s) => {
                  setSort(s);
                  setPage(1);
                }}
              />
            </div>
            {list.data && (
              <Pager
                page={page}
                pageSize={PAGE_SIZE}
                total={list.data.total}
                onPage={setPage}
                label="connections"
              />
            )}
          </>
        )
      )}
      {dialog === 'create' && (
        <CreateConnectionDialog
          onClose={() => setDialog(null)}
          onCreated={(c) => {
            markJustCreated(c.id);
            navigate({ page: 'connection', id: c.id });
          }}
        />
      )}
      {dialog === 'copy' && (
        <CopyConnectionDialog
          initialSourceId={selectedId}
          onClose={() => setDialog(null)}
          onCreated={(c) => {
            markJustCreated(c.id);
            navigate({ page: 'connection', id: c.id });
          }}
        />
      )}
    </>
  );
}
