/**
 * An admin's reset of another user's second factor, for a lost phone: the user's sessions end, they
 * sign in with their password alone and (where the organisation requires it) set up a new one.
 */
import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { resetUserSecondFactor } from '../api/contracts.ts';
import type { User } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

export function ResetSecondFactorButton(props: { readonly user: User; readonly onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const reset = useAction(() => call(resetUserSecondFactor, { params: { id: props.user.id } }));
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Reset second factor
      </Button>
      <ConfirmDialog
        open={open}
        title="Reset second factor"
        confirmLabel="Reset"
        danger
        busy={reset.busy}
        error={reset.error}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          void reset.run().then((ok) => {
            if (!ok) return;
            setOpen(false);
            props.onDone();
          })
        }
      >
        Remove the second factor of {props.user.name} ({props.user.email}), for example after a lost phone?
        They are signed out, can sign in with their password alone and set up a new one; their recovery codes
        stop working.
      </ConfirmDialog>
    </>
  );
}
