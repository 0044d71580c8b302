/**
 * A page whose subject could not be loaded at all: keep the way back (breadcrumb) and say why,
 * with a retry. Once loaded, later reload failures show above the content instead.
 */
import { ErrorMessage } from './ErrorMessage.tsx';
import { type Crumb, PageHeader } from './PageHeader.tsx';

export function PageLoadFailed(props: {
  readonly crumbs: readonly Crumb[];
  readonly title: string;
  readonly error: unknown;
  readonly onRetry: () => void;
}) {
  return (
    <>
      <PageHeader crumbs={props.crumbs} title={props.title} />
      <ErrorMessage error={props.error} onRetry={props.onRetry} />
    </>
  );
}
