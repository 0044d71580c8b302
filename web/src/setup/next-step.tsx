/**
 * What comes after setup. Once steps 1–4 are confirmed (the `simulation` state) there is nothing
 * left to set up — "Continue setup: step 5" invited the administrator to continue a finished setup —
 * so the connection says what to do next instead. Where the service's activation gate is known (the
 * connection page) that is the one thing the service allows next: simulate (no simulation of the
 * current configuration), review the simulation (it is running, or activating needs a written reason)
 * or activate. The list knows the state only, and names both.
 */
import { Button, type ButtonProps } from '@fluentui/react-components';
import { ArrowRightRegular } from '@fluentui/react-icons';
import type { ConnectionState, RunKind, RunStatus } from '../api/contracts.ts';
import { hrefFor } from '../app/routes.ts';

type Gate = { readonly kind: 'allowed' | 'needs-reason' | 'refused'; readonly simulationId: string | null };
type LatestRun = { readonly id: string; readonly kind: RunKind; readonly status: RunStatus };

export interface NextStep {
  readonly kind: 'simulate' | 'review' | 'activate' | 'simulate-and-activate';
  readonly label: string;
  readonly href: string;
}

export function nextStep(connection: {
  readonly id: string;
  readonly state: ConnectionState;
  /** The service's activation gate; left out where it is not known (the list). */
  readonly activation?: Gate;
  readonly latestRun?: LatestRun | null;
}): NextStep | null {
  if (connection.state !== 'simulation') return null;
  const step5 = hrefFor({ page: 'step', id: connection.id, step: 5 });
  const gate = connection.activation;
  if (gate === undefined)
    return { kind: 'simulate-and-activate', label: 'Next: simulate and activate', href: step5 };
  const latest = connection.latestRun;
  const running =
    latest?.kind === 'simulation' && (latest.status === 'queued' || latest.status === 'running')
      ? latest
      : null;
  const review = running?.id ?? (gate.kind === 'needs-reason' ? gate.simulationId : null);
  if (review !== null) {
    return {
      kind: 'review',
      label: 'Next: review the simulation',
      href: hrefFor({ page: 'run', id: review }),
    };
  }
  if (gate.kind === 'allowed') return { kind: 'activate', label: 'Next: activate', href: step5 };
  return { kind: 'simulate', label: 'Next: simulate', href: step5 };
}

export function NextStepButton(props: {
  readonly connection: Parameters<typeof nextStep>[0];
  /** Why, in the service's words (the activation gate's reason), shown on hover. */
  readonly why?: string | null;
  readonly appearance?: ButtonProps['appearance'];
  readonly size?: ButtonProps['size'];
}) {
  const next = nextStep(props.connection);
  if (next === null) return null;
  return (
    <Button
      as="a"
      href={next.href}
      appearance={props.appearance ?? 'primary'}
      size={props.size ?? 'medium'}
      icon={<ArrowRightRegular />}
      iconPosition="after"
      data-testid="next-step"
      data-next={next.kind}
      {...(props.why ? { title: props.why } : {})}
    >
      {next.label}
    </Button>
  );
}
