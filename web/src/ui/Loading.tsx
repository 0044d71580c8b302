import { Spinner } from '@fluentui/react-components';

/** A page or panel that is still loading; the label is read out by screen readers. */
export function Loading(props: { readonly label?: string }) {
  return (
    <div style={{ padding: 32, display: 'flex', justifyContent: 'center' }}>
      <Spinner label={props.label ?? 'Loading…'} />
    </div>
  );
}
