/**
 * The five configuration steps as a progress bar: done (tick), current (filled), locked (padlock,
 * not clickable). Clicking a done or current step opens it. The statuses come from the service,
 * which knows how far configuration really got.
 */
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, LockClosedRegular } from '@fluentui/react-icons';
import type { ConnectionDetails } from '../api/dto.ts';
import { hrefFor, type StepNumber } from '../app/routes.ts';
import { STEP_TITLES } from '../ui/labels.ts';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(5, minmax(0, 1fr))',
    gap: '4px',
    // On a phone the five steps are a list, one per line, so their names stay whole.
    '@media (max-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr)', gap: '0' },
  },
  item: { display: 'flex', flexDirection: 'column', gap: '6px' },
  bar: { height: '4px', borderRadius: '2px', backgroundColor: tokens.colorNeutralStroke2 },
  barDone: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  barCurrent: { backgroundColor: tokens.colorBrandBackground },
  link: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    padding: '6px 4px',
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  locked: { color: tokens.colorNeutralForegroundDisabled, cursor: 'not-allowed' },
  open: { backgroundColor: tokens.colorNeutralBackground1Selected },
  circle: {
    flexShrink: 0,
    width: '24px',
    height: '24px',
    borderRadius: '50%',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  circleDone: {
    backgroundColor: tokens.colorPaletteGreenBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    border: 'none',
  },
  circleCurrent: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: 'none',
  },
});

const STATUS_WORDS = { done: 'done', current: 'current step', locked: 'locked' } as const;

export function StepProgress(props: {
  readonly connection: Pick<ConnectionDetails, 'id' | 'steps'>;
  /** The step whose editor is open, highlighted. */
  readonly openStep?: StepNumber;
}) {
  const styles = useStyles();
  return (
    <nav aria-label="Configuration steps">
      <ol className={styles.list} data-testid="step-progress">
        {props.connection.steps.map((s) => {
          const number = s.number as StepNumber;
          const title = `${number}. ${STEP_TITLES[number]}`;
          const content = (
            <>
              <span
                className={mergeClasses(
                  styles.circle,
                  s.status === 'done' && styles.circleDone,
                  s.status === 'current' && styles.circleCurrent,
                )}
                aria-hidden
              >
                {s.status === 'done' ? (
                  <CheckmarkRegular />
                ) : s.status === 'locked' ? (
                  <LockClosedRegular />
                ) : (
                  number
                )}
              </span>
              <Text size={300} weight={props.openStep === number ? 'semibold' : 'regular'}>
                {title}
              </Text>
            </>
          );
          return (
            <li key={number} className={styles.item} data-step={number} data-status={s.status}>
              <div
                className={mergeClasses(
                  styles.bar,
                  s.status === 'done' && styles.barDone,
                  s.status === 'current' && styles.barCurrent,
                )}
              />
              {s.status === 'locked' ? (
                <span className={mergeClasses(styles.link, styles.locked)} aria-disabled="true">
                  {content}
                  <span className="visually-hidden">
                    {' '}
                    ({STATUS_WORDS[s.status]}; finish the earlier steps first)
                  </span>
                </span>
              ) : (
                <a
                  className={mergeClasses(styles.link, props.openStep === number && styles.open)}
                  href={hrefFor({ page: 'step', id: props.connection.id, step: number })}
                  aria-current={props.openStep === number ? 'step' : undefined}
                >
                  {content}
                  {/* Named by its content, not aria-label: the visible title stays part of the name. */}
                  <span className="visually-hidden"> ({STATUS_WORDS[s.status]})</span>
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
