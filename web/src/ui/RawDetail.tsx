/**
 * The raw text behind plain words — the engine's own detail of a step, Graph's answer behind a
 * refusal — one click away ("Details"), never in the way of the words.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({
  detail: {
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
});

export function RawDetail(props: { readonly detail: string; readonly text: string }) {
  const styles = useStyles();
  const [shown, setShown] = useState(false);
  if (props.detail === '' || props.detail === props.text) return null;
  return (
    <>
      {' '}
      <Button
        appearance="transparent"
        size="small"
        onClick={() => setShown((s) => !s)}
        aria-expanded={shown}
        data-testid="step-detail-toggle"
      >
        {shown ? 'Hide details' : 'Details'}
      </Button>
      {shown && (
        <>
          <br />
          <Text size={200} className={styles.detail} data-testid="step-detail">
            {props.detail}
          </Text>
        </>
      )}
    </>
  );
}
