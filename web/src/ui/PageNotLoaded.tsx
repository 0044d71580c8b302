/**
 * A page whose subject has not loaded: a spinner until it arrives, or — when it could not be
 * loaded at all — the way back (breadcrumb) and why, with a retry. Once loaded, later reload
 * failures show above the content instead.
 */
import { ErrorMessage } from './ErrorMessage.tsx';
import { Loading } from './Loading.tsx';
import { type Crumb, PageHeader } from './PageHeader.tsx';

export function PageNotLoaded(props: {
  readonly crumbs: readonly Crumb[];
  readonly title: string;
  readonly loadingLabel: string;
  readonly error: unknown;
  readonly onRetry: () => void;
}) {
  if (props.error === undefined) return <Loading label={props.loadingLabel} />;
  return (
    <>
      <PageHeader crumbs={props.crumbs} title={props.title} />
      <ErrorMessage error={props.error} onRetry={props.onRetry} />
    </>
  );
}
