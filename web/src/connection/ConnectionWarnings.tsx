/**
 * What the service warns about a connection without stopping it: another connection that writes to
 * the same tenant (the same Microsoft 365 directory, or for hybrid the same AD domain), or a hybrid
 * mapping that places accounts elsewhere than the tenant's containers say. Step 2 shows
 * the warnings of the tenant chosen there, before it is saved.
 */
import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Fragment } from 'react';
import type { ConnectionDetails } from '../api/dto.ts';
import { hrefFor } from '../app/routes.ts';

const TITLES: Readonly<Record<ConnectionDetails['warnings'][number]['kind'], string>> = {
  'same-tenant': 'Another connection writes to this tenant',
  'placement-differs': 'Accounts are placed elsewhere than the tenant’s containers',
};

export function ConnectionWarnings(props: { readonly warnings: ConnectionDetails['warnings'] }) {
  if (props.warnings.length === 0) return null;
  return (
    <>
      {props.warnings.map((w) => (
        <MessageBar key={w.kind} intent="warning" layout="multiline" data-testid={`warning-${w.kind}`}>
          <MessageBarBody>
            <MessageBarTitle>{TITLES[w.kind]}</MessageBarTitle>
            {w.message}{' '}
            {w.connections.map((c, i) => (
              <Fragment key={c.id}>
                {i > 0 && ', '}
                <Link href={hrefFor({ page: 'connection', id: c.id })}>Open “{c.name}”</Link>
              </Fragment>
            ))}
          </MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
