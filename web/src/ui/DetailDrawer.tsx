/**
 * The side panel that opens one row of a table in full (an audit event, a person's run result),
 * as the admin center opens a user: a title, a close button, and the details below.
 */
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

export function DetailDrawer<T>(props: {
  /** The row shown; the drawer is closed while there is none. */
  readonly item: T | undefined;
  readonly title: (item: T) => ReactNode;
  readonly children: (item: T) => ReactNode;
  readonly onClose: () => void;
  readonly testId: string;
}) {
  const { item } = props;
  return (
    <OverlayDrawer
      position="end"
      size="medium"
      open={item !== undefined}
      onOpenChange={(_, d) => !d.open && props.onClose()}
      data-testid={props.testId}
    >
      {item !== undefined && (
        <>
          <DrawerHeader>
            <DrawerHeaderTitle
              action={
                <Button
                  appearance="subtle"
                  aria-label="Close"
                  icon={<DismissRegular />}
                  onClick={props.onClose}
                />
              }
            >
              {props.title(item)}
            </DrawerHeaderTitle>
          </DrawerHeader>
          <DrawerBody>{props.children(item)}</DrawerBody>
        </>
      )}
    </OverlayDrawer>
  );
}
