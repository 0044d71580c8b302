/**
 * A secret hrsync shows exactly once — an API token, an agent's registration key, an invitation
 * link — with a warning that it will not be shown again, the value to select or copy, and a copy
 * button that says when it has copied. One component, so all three read and behave alike.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { type ReactNode, useState } from 'react';

const useStyles = makeStyles({
  value: {
    display: 'block',
    padding: '8px',
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: 'anywhere',
    userSelect: 'all',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** A button that copies `text` and then says "Copied". */
export function CopyButton(props: {
  readonly text: string;
  readonly label: string;
  readonly size?: 'small' | 'medium';
  readonly primary?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size={props.size ?? 'medium'}
      {...(props.primary ? { appearance: 'primary' as const } : {})}
      icon={<CopyRegular />}
      onClick={() =>
        void navigator.clipboard
          ?.writeText(props.text)
          .then(() => setCopied(true))
          .catch(() => undefined)
      }
    >
      {copied ? 'Copied' : props.label}
    </Button>
  );
}

export function OneTimeSecret(props: {
  /** The warning's title, e.g. "Copy the token now"; omitted when the dialog warns in its own way. */
  readonly warning?: { readonly title: string; readonly children: ReactNode };
  /** Names the value: "Token “nightly”". */
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly copyLabel: string;
  /** Finds the value in tests. */
  readonly testId: string;
}) {
  const styles = useStyles();
  return (
    <>
      {props.warning && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{props.warning.title}</MessageBarTitle>
            {props.warning.children}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label={props.label} {...(props.hint === undefined ? {} : { hint: props.hint })}>
        <Text className={styles.value} data-testid={props.testId} data-one-time-secret>
          {props.value}
        </Text>
      </Field>
      <div>
        <CopyButton text={props.value} label={props.copyLabel} />
      </div>
    </>
  );
}
