/**
 * Downloads what the service exports (CSV, JSON) with the page's filters. The service is asked first
 * whether it would send the file (`exportRefusal`): a refusal — other exports running, a run not yet
 * finished — is said here, beside the button, where a plain link left the browser with a failed
 * download and no words. An admitted export is fetched by the browser itself, so a large file goes
 * to disk as it arrives, under the name the service gives it.
 */
import { Button } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { type MouseEvent, type ReactNode, useState } from 'react';
import { exportRefusal } from '../api/client.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

const TITLES = {
  HRS_BUSY: 'Export not started: other exports are being written',
  HRS_INVALID_STATE: 'This export is not available',
} as const;

export function DownloadButton(props: { readonly href: string; readonly children: ReactNode }) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const start = async () => {
    setProblem(null);
    setAsking(true);
    try {
      const refusal = await exportRefusal(props.href);
      if (refusal) {
        setProblem(refusal);
        return;
      }
      // `download` with no name: the browser takes the service's (Content-Disposition).
      const link = document.createElement('a');
      link.href = props.href;
      link.download = '';
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) {
      setProblem(error);
    } finally {
      setAsking(false);
    }
  };
  const onClick = (event: MouseEvent) => {
    // Still a link, for "Save link as…"; a click asks first.
    event.preventDefault();
    if (!asking) void start();
  };
  return (
    <>
      <Button
        as="a"
        href={props.href}
        download
        icon={<ArrowDownloadRegular />}
        onClick={onClick}
        aria-busy={asking}
      >
        {props.children}
      </Button>
      {problem !== null && (
        <div style={{ flexBasis: '100%', whiteSpace: 'normal' }} data-testid="export-problem">
          <ErrorMessage error={problem} titles={TITLES} onRetry={() => void start()} />
        </div>
      )}
    </>
  );
}
