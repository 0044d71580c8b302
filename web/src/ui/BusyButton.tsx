/** A primary button for an operation: disabled while it runs, with a spinner in place of its icon. */
import { Button, type ButtonProps, Spinner } from '@fluentui/react-components';

export function BusyButton(props: ButtonProps & { readonly busy: boolean }) {
  const { busy, disabled, ...rest } = props;
  return (
    <Button
      appearance="primary"
      {...rest}
      disabled={busy || disabled === true}
      icon={busy ? <Spinner size="tiny" /> : null}
    />
  );
}
