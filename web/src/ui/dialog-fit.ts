/**
 * How wide a dialog may be. Fluent lets a dialog take the whole window below 480 px (`max-width:
 * 100vw`, which also counts the scrollbar): at 390 px it touched the left edge and slid under the
 * scrollbar on the right, and a dialog with its own maximum (an inline `maxWidth`) ignored Fluent's
 * rule altogether. Every dialog keeps DIALOG_MARGIN from both edges of the window instead, at its
 * own maximum on a wide screen. `100%` of a fixed box is the window without its scrollbar.
 */
import { makeStyles } from '@fluentui/react-components';
import type { CSSProperties } from 'react';

export const DIALOG_MARGIN = 16;

export const dialogWidth = (maxWidth = 600): CSSProperties => ({
  maxWidth: `min(${maxWidth}px, calc(100% - ${2 * DIALOG_MARGIN}px))`,
});

/** On a phone the dialog's own padding shrinks too, so its fields keep their width. */
export const useDialogSurfaceStyles = makeStyles({
  surface: { '@media screen and (max-width: 480px)': { padding: '20px 16px' } },
});
