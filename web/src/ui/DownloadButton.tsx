/** Downloads what the service exports (CSV, JSON) with the page's filters; the browser saves it. */
import { Button } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

export function DownloadButton(props: { readonly href: string; readonly children: ReactNode }) {
  return (
    <Button as="a" href={props.href} download icon={<ArrowDownloadRegular />}>
      {props.children}
    </Button>
  );
}
