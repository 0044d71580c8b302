/**
 * Sets when an active connection syncs: a start date and time and an interval, in the
 * connection's time zone. The next run times come from the service (which knows the daylight-saving
 * rules), so what the administrator sees before saving is exactly what the scheduler will do.
 */
import { Button, Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import {
  type ConnectionState,
  checkOperation,
  getSchedule,
  instantToLocal,
  previewSchedule,
  SCHEDULE_LIMITS,
  SCHEDULE_UNITS,
  type ScheduleUnit,
  setSchedule,
} from '../api/contracts.ts';
import type { SchedulePreview } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTimeWithRelative } from '../ui/format.ts';
import { Loading } from '../ui/Loading.tsx';
import { NumberField } from '../ui/NumberField.tsx';
import type { ActionTarget } from './ConnectionActions.tsx';
import { unavailableReason } from './operations.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '14px' },
  row: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap' },
  preview: {
    margin: 0,
    paddingLeft: '20px',
    fontVariantNumeric: 'tabular-nums',
  },
  previewBox: {
    padding: '10px 14px',
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    minHeight: '96px',
  },
});

type Unit = ScheduleUnit;

/** Tomorrow 06:00 in the connection's calendar (not the browser's): a quiet default most MSPs pick. */
function defaultStart(zone: string): { date: string; time: string } {
  return {
    date: instantToLocal(new Date(Date.now() + 24 * 3600 * 1000).toISOString(), zone).slice(0, 10),
    time: '06:00',
  };
}

/** Whether the dialog offers "Save and activate": the state table allows activation and it is not active. */
export const offersSaveAndActivate = (state: ConnectionState): boolean =>
  state !== 'active' && checkOperation('activate', state).ok;

export function ScheduleDialog(props: {
  readonly connection: ActionTarget;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const styles = useStyles();
  const { id, name, state } = props.connection;
  const current = useResource(() => call(getSchedule, { params: { id } }), id);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [every, setEvery] = useState('1');
  const [unit, setUnit] = useState<Unit>('days');
  const [preview, setPreview] = useState<SchedulePreview | undefined>(undefined);
  const [previewError, setPreviewError] = useState<unknown>(undefined);
  const [filled, setFilled] = useState<string | null>(null);

  // Fill the form once from the saved schedule (or the default) when it arrives.
  const loaded = current.data;
  useEffect(() => {
    if (!loaded) return;
    const saved = loaded.schedule;
    if (saved) {
      const [d = '', t = ''] = saved.start.split('T');
      setDate(d);
      setTime(t);
      setEvery(String(saved.every));
      setUnit(saved.unit);
      setFilled(JSON.stringify([d, t, String(saved.every), saved.unit]));
    } else {
      const start = defaultStart(loaded.timeZone);
      setDate(start.date);
      setTime(start.time);
      setFilled(JSON.stringify([start.date, start.time, '1', 'days']));
    }
  }, [loaded]);
  const changed = filled !== null && JSON.stringify([date, time, every, unit]) !== filled;

  const everyNumber = Number(every);
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    /^\d{2}:\d{2}$/.test(time) &&
    Number.isInteger(everyNumber) &&
    everyNumber >= 1 &&
    everyNumber <= SCHEDULE_LIMITS[unit];
  const start = `${date}T${time}`;

  useEffect(() => {
    if (!valid) {
      setPreview(undefined);
      return;
    }
    let current = true;
    // Wait for typing to pause before asking the service.
    const timer = setTimeout(() => {
      call(previewSchedule, { params: { id }, query: { start, every: everyNumber, unit, count: 5 } }).then(
        (p) => {
          if (!current) return;
          setPreview(p);
          setPreviewError(undefined);
        },
        (e: unknown) => current && setPreviewError(e),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [id, start, everyNumber, unit, valid]);

  const save = useAction((activate: boolean) =>
    call(setSchedule, {
      params: { id },
      body: { start, every: everyNumber, unit, ...(activate ? { activate } : {}) },
    }),
  );
  const submit = async (activate: boolean) => {
    if (await save.run(activate)) props.onSaved();
  };
  const mayActivate = offersSaveAndActivate(state);
  // "Save and activate" passes the service's activation gate, as the Activate button does
  // (operations.ts); the service refuses the whole request otherwise.
  const activateBlocker = mayActivate
    ? unavailableReason('activate', state, props.connection.activation)
    : null;
  const timeZone = loaded?.timeZone ?? preview?.timeZone ?? '';

  return (
    <ActionDialog
      title={`Set schedule for ${name}`}
      busy={save.busy}
      onClose={props.onClose}
      changed={changed}
      actions={
        <>
          {mayActivate && (
            <Button
              appearance="primary"
              disabled={!valid || save.busy || activateBlocker !== null}
              onClick={() => void submit(true)}
            >
              Save and activate
            </Button>
          )}
          <BusyButton
            appearance={mayActivate ? 'secondary' : 'primary'}
            busy={save.busy}
            disabled={!valid}
            onClick={() => void submit(false)}
          >
            Save
          </BusyButton>
        </>
      }
    >
      {current.loading && !loaded ? (
        <Loading label="Loading the schedule…" />
      ) : current.error ? (
        <ErrorMessage error={current.error} onRetry={current.reload} />
      ) : (
        <div className={styles.form}>
          <Text>
            Times are in the connection’s time zone,{' '}
            <strong data-testid="schedule-time-zone">{timeZone}</strong> (change it in step 4, scope and
            lifecycle).
          </Text>
          <div className={styles.row}>
            <Field label="Start date" required>
              <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} name="start-date" />
            </Field>
            <Field label="Start time" required>
              <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} name="start-time" />
            </Field>
          </div>
          <div className={styles.row}>
            <NumberField
              label="Repeat every"
              required
              validationMessage={valid || !date ? null : `Enter a number from 1 to ${SCHEDULE_LIMITS[unit]}.`}
              min={1}
              max={SCHEDULE_LIMITS[unit]}
              value={every}
              onChange={setEvery}
              name="every"
              width={96}
            />
            <Field label="Unit">
              <Select value={unit} onChange={(_, d) => setUnit(d.value as Unit)} name="unit">
                {SCHEDULE_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={styles.previewBox} aria-live="polite">
            <Text weight="semibold" block>
              Next runs
            </Text>
            {previewError ? (
              <ErrorMessage error={previewError} />
            ) : preview ? (
              <ol className={styles.preview} data-testid="schedule-preview">
                {preview.times.map((t) => (
                  <li key={t.at}>{formatDateTimeWithRelative(t.at, '—', preview.timeZone)}</li>
                ))}
              </ol>
            ) : (
              <Text>{valid ? 'Calculating…' : 'Enter a start and an interval to see the next runs.'}</Text>
            )}
          </div>
          {activateBlocker && (
            <Text size={200} data-testid="schedule-activation-blocker">
              Only Save is possible now. {activateBlocker}
            </Text>
          )}
          <ErrorMessage error={save.error} />
        </div>
      )}
    </ActionDialog>
  );
}
