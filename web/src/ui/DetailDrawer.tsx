/**
 * The side panel that opens one row of a table in full (an audit event, a person's run result),
 * as the admin center opens a user: a title, a close button, and the details below. When it
 * closes, focus goes back to what opened it (the row's link), so keyboard users keep their place.
 */
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { type ReactNode, useEffect, useRef } from 'react';

export function DetailDrawer<T>(props: {
  /** The row shown; the drawer is closed while there is none. */
  readonly item: T | undefined;
  readonly title: (item: T) => ReactNode;
  readonly children: (item: T) => ReactNode;
  readonly onClose: () => void;
  readonly testId: string;
}) {
  const { item } = props;
  const opener = useRef<HTMLElement | null>(null);
  const isOpen = item !== undefined;
  // Who had focus is read while rendering the opening: by the time effects run, the panel has
  // already taken focus.
  if (isOpen && opener.current === null) {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body) opener.current = active;
  }
  useEffect(() => {
    if (isOpen) return;
    const back = opener.current;
    opener.current = null;
    // After the drawer's own focus handling has finished with the closing panel.
    if (back) requestAnimationFrame(() => back.isConnected && back.focus());
  }, [isOpen]);
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
          {/* Focusable, so keyboard users can scroll details that hold no control of their own. */}
          <DrawerBody tabIndex={0} role="region" aria-label="Details">
            {props.children(item)}
          </DrawerBody>
        </>
      )}
    </OverlayDrawer>
  );
}
