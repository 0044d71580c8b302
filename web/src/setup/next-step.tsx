/**
 * What comes after setup. Once steps 1–4 are confirmed (the `simulation` state) there is nothing
 * left to set up — "Continue setup: step 5" invited the administrator to continue a finished setup —
 * so the connection says what to do next instead. Where the service's activation gate is known (the
 * connection page) that is the one thing the service allows next: simulate (no simulation of the
 * current configuration), review the simulation (it is running, or activating needs a written reason)
 * or activate. The list knows the state only, and names both.
 */
import { Button, type ButtonProps, makeStyles } from '@fluentui/react-components';
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

// In a narrow cell the label wraps, and a wrapped box takes the cell's whole width: the arrow stood far
// right of the words, centred between their two lines. So there the label is two halves, each kept whole,
// the button as wide as the wider half (min-content), the arrow after the last word.
const useStyles = makeStyles({
  twoLines: { width: 'min-content', flexWrap: 'wrap', justifyContent: 'flex-start', textAlign: 'start' },
  half: { whiteSpace: 'nowrap' },
  arrow: { verticalAlign: 'middle', marginLeft: '4px', fontSize: '16px' },
});

/** The label's words in two halves of about equal length: "Next: simulate " and "and activate". */
function halves(label: string): readonly [string, string] {
  const words = label.split(' ');
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const gap = (n: number) => Math.abs(words.slice(0, n).join(' ').length - words.slice(n).join(' ').length);
    if (gap(i) < gap(best)) best = i;
  }
  return [`${words.slice(0, best).join(' ')} `, words.slice(best).join(' ')];
}

export function NextStepButton(props: {
  readonly connection: Parameters<typeof nextStep>[0];
  /** Why, in the service's words (the activation gate's reason), shown on hover. */
  readonly why?: string | null;
  readonly appearance?: ButtonProps['appearance'];
  readonly size?: ButtonProps['size'];
  /** In a narrow place (the list's State cell): always two lines, the button only as wide as its words. */
  readonly twoLines?: boolean;
}) {
  const styles = useStyles();
  const next = nextStep(props.connection);
  if (next === null) return null;
  const common = {
    as: 'a',
    href: next.href,
    appearance: props.appearance ?? 'primary',
    size: props.size ?? 'medium',
    'data-testid': 'next-step',
    'data-next': next.kind,
    ...(props.why ? { title: props.why } : {}),
  } as const;
  if (props.twoLines) {
    const [first, last] = halves(next.label);
    return (
      <Button {...common} className={styles.twoLines}>
        <span className={styles.half}>{first}</span>
        <span className={styles.half}>
          {last}
          <ArrowRightRegular className={styles.arrow} aria-hidden />
        </span>
      </Button>
    );
  }
  return (
    <Button {...common} icon={<ArrowRightRegular />} iconPosition="after">
      {next.label}
    </Button>
  );
}
