/**
 * "Continue setup": from wherever a connection's setup is unfinished (just created, the connection
 * list, the connection page) one action opens the first step that is not done yet. Setup is
 * unfinished while the connection is a `draft`: some of steps 1–4 are unconfirmed. Once they are
 * confirmed, step 5 is no more setup but simulating and activating: next-step.tsx says which.
 */
import { Button, type ButtonProps } from '@fluentui/react-components';
import { ArrowRightRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import type { ConnectionState } from '../api/contracts.ts';
import { hrefFor, type StepNumber } from '../app/routes.ts';
import { STEP_TITLES } from '../ui/labels.ts';

/** The first unconfirmed step of 1–4, or null when they are all confirmed (not a draft). */
export function unfinishedStep(connection: {
  readonly state: ConnectionState;
  readonly progress: number;
}): StepNumber | null {
  if (connection.state !== 'draft') return null;
  return Math.min(Math.max(connection.progress + 1, 1), 4) as StepNumber;
}

export function ContinueSetupButton(props: {
  readonly connection: {
    readonly id: string;
    readonly name: string;
    readonly state: ConnectionState;
    readonly progress: number;
  };
  readonly appearance?: ButtonProps['appearance'];
  readonly size?: ButtonProps['size'];
  /** Moves focus here when shown: right after a create, this is what comes next. */
  readonly autoFocus?: boolean;
}) {
  const step = unfinishedStep(props.connection);
  const ref = useRef<HTMLAnchorElement>(null);
  // React's autoFocus covers form controls only; this is a link.
  useEffect(() => {
    if (props.autoFocus) ref.current?.focus();
  }, [props.autoFocus]);
  if (step === null) return null;
  return (
    <Button
      // Fluent types a polymorphic button's ref for its default element only.
      ref={ref as never}
      as="a"
      href={hrefFor({ page: 'step', id: props.connection.id, step })}
      appearance={props.appearance ?? 'primary'}
      size={props.size ?? 'medium'}
      icon={<ArrowRightRegular />}
      iconPosition="after"
      data-testid="continue-setup"
      data-continue-step={step}
      title={`Step ${step}, ${STEP_TITLES[step].toLowerCase()}, of “${props.connection.name}”`}
    >
      Continue setup: step {step}
    </Button>
  );
}

/**
 * The connection the console just created, so its page greets it with "Continue setup" in focus.
 * Read once: a reload or a later visit shows the page as usual.
 */
let justCreated: string | null = null;

export function markJustCreated(id: string): void {
  justCreated = id;
}

export function takeJustCreated(id: string): boolean {
  if (justCreated !== id) return false;
  justCreated = null;
  return true;
}
