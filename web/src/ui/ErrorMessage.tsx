/** Shows an API failure in plain words, with the field details and an optional retry. */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { type ReactNode, useContext } from 'react';
import type { ErrorCode } from '../api/contracts.ts';
import { plainWords } from '../api/plain-words.ts';
import { TenantTypeContext } from './AttributeName.tsx';

export function ErrorMessage(props: {
  readonly error: unknown;
  readonly onRetry?: () => void;
  /** Titles that fit this page better than the general ones (see plainWords). */
  readonly titles?: Partial<Record<ErrorCode, string>>;
  /** Where to put it right (a link to the step to correct), beside Try again. */
  readonly action?: ReactNode;
}) {
  // Inside a hybrid connection's pages, the destination is Active Directory (ConnectionScope).
  const tenantType = useContext(TenantTypeContext);
  if (props.error === undefined || props.error === null) return null;
  const { title, message, details } = plainWords(props.error, props.titles, tenantType);
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="error-message">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
        {details.length > 0 && (
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {(props.onRetry || props.action) && (
        <MessageBarActions>
          {props.action}
          {props.onRetry && <Button onClick={props.onRetry}>Try again</Button>}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
