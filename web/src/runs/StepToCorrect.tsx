/**
 * The way from a failed run to the configuration step that holds what it refused. The run keeps the
 * configuration paths its error names (`error.paths`); the step of each is the table step validation
 * uses (contracts/config-steps.ts), and the field is named as the forms label it. The console used to
 * guess the step from the message's words. A run recorded before paths were kept (`paths: null`), or a
 * configuration error naming no step's field, opens the connection's steps.
 */
import { Button } from '@fluentui/react-components';
import { readablePath, stepOfConfigPath } from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { hrefFor } from '../app/routes.ts';
import { STEP_TITLES } from '../ui/labels.ts';

/** More than this many fields: the message lists them; the links would only repeat it. */
const MOST_LINKS = 3;

interface Correction {
  readonly href: string;
  readonly label: string;
}

/** Where to correct what the run refused: none when its error is not about the configuration. */
export function corrections(connectionId: string, error: NonNullable<Run['error']>): readonly Correction[] {
  const fields = (error.paths ?? []).flatMap((path) => {
    const step = stepOfConfigPath(path);
    return step === null ? [] : [{ path, step }];
  });
  if (fields.length === 0) {
    return error.code === 'HRS_CONFIG_INVALID'
      ? [
          {
            href: hrefFor({ page: 'connection', id: connectionId }),
            label: 'Open the connection’s configuration',
          },
        ]
      : [];
  }
  const where = (step: 1 | 2 | 3 | 4) => `step ${step}, ${STEP_TITLES[step].toLowerCase()}`;
  // Many fields (a configuration with many mistakes): one link a step; the message names the fields.
  if (fields.length > MOST_LINKS) {
    return [...new Set(fields.map((f) => f.step))].map((step) => ({
      href: hrefFor({ page: 'step', id: connectionId, step }),
      label: `Correct it in ${where(step)}`,
    }));
  }
  return fields.map(({ path, step }) => ({
    href: hrefFor({ page: 'step', id: connectionId, step }),
    label: `Correct ${readablePath(path, { topLevel: true })} in ${where(step)}`,
  }));
}

export function StepToCorrect(props: { readonly corrections: readonly Correction[] }) {
  return props.corrections.map((c, i) => (
    <Button key={c.label} as="a" href={c.href} appearance={i === 0 ? 'primary' : 'secondary'}>
      {c.label}
    </Button>
  ));
}
