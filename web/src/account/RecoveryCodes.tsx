/**
 * Recovery codes, shown once: each works once instead of a code from the app. The person copies or
 * downloads them now; hrsync keeps only their hashes and cannot show them again.
 */
import { Button, MessageBar, MessageBarBody, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: '6px 16px',
    margin: 0,
    padding: '12px 16px',
    listStyle: 'none',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

export function RecoveryCodes(props: {
  readonly codes: readonly string[];
  readonly account: string;
  readonly onDone: () => void;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  const text = `hrsync recovery codes for ${props.account}\nEach code works once, instead of a code from your authenticator app.\n\n${props.codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'hrsync-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className={styles.root} aria-label="Recovery codes">
      <MessageBar intent="warning">
        <MessageBarBody>
          Save these recovery codes now: they are shown only this once. Each works once when you do not have
          your phone.
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list} data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className={styles.buttons}>
        <Button
          icon={<CopyRegular />}
          onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={download}>
          Download
        </Button>
        <Button appearance="primary" onClick={props.onDone}>
          I have saved them
        </Button>
      </div>
      <Text size={200}>Keep them apart from your phone, for example in your password manager.</Text>
    </section>
  );
}
