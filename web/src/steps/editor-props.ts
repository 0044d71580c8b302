import type { Configuration, ConnectionDetails, StepSaved } from '../api/dto.ts';

/** What the step page hands every step editor. */
export interface StepEditorProps {
  readonly connection: ConnectionDetails;
  readonly configuration: Configuration;
  readonly readOnly: boolean;
  readonly onSaved: (result: StepSaved) => void;
  /** Throws away unsaved changes: the editor opens afresh with the saved settings. */
  readonly onDiscard: () => void;
}
