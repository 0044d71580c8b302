/**
 * When and by whom something was created, with the person by name ("Jan Bakker") and the raw actor
 * the service recorded (their e-mail address, or "token ‹name› (‹e-mail›)") as secondary text, since
 * names are not unique and the e-mail address is what the audit log can be filtered by.
 */
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from './format.ts';
import { useTimeZone } from './time-zone.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  raw: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function CreatedBy(props: {
  readonly at: string;
  /** As a person would name them (the API's `createdByName`). */
  readonly name: string;
  /** The raw actor (the API's `createdBy`). */
  readonly raw: string;
}) {
  const styles = useStyles();
  // A connection's page shows its zone; elsewhere the organisation's.
  const zone = useTimeZone();
  return (
    <span className={styles.root}>
      <span>
        {formatDateTime(props.at, '—', zone)} by <span data-created-by>{props.name}</span>
      </span>
      {props.raw !== props.name && <Caption1 className={styles.raw}>{props.raw}</Caption1>}
    </span>
  );
}
