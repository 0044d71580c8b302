/**
 * What a loaded list shows: the service's error (with a retry), a spinner until the first answer,
 * the empty state when there are no rows, or the rows. Earlier rows stay while a reload runs, so
 * a polled table does not flash.
 */
import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Loading } from './Loading.tsx';

export function ListStates<L extends { readonly items: readonly unknown[] }>(props: {
  readonly list: Resource<L>;
  readonly loadingLabel: string;
  readonly empty: ReactNode;
  readonly children: (list: L) => ReactNode;
}) {
  const { list } = props;
  return (
    <>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading label={props.loadingLabel} />
      ) : list.data && list.data.items.length === 0 ? (
        props.empty
      ) : (
        list.data && props.children(list.data)
      )}
    </>
  );
}
