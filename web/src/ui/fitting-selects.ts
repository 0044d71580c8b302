/**
 * A select is never wider than the box it sits in. Fluent sizes a select to its longest option and
 * its root may not shrink below that, so a long option (a naming scheme with its examples, a run
 * described by date and status) pushed the field up to 360 px past its card on a phone, where the
 * card cut it off. Allowed to shrink, the select fills its box and the chosen option's text is cut
 * inside it, as a browser's own select does.
 */
import { makeStaticStyles, selectClassNames } from '@fluentui/react-components';

export const useFittingSelects = makeStaticStyles({
  [`.${selectClassNames.root}`]: { minWidth: 0 },
});
