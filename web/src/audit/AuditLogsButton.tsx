/** "View audit logs" in a command bar: the audit log filtered to what the page shows. */
import { ToolbarButton } from '@fluentui/react-components';
import { DocumentBulletListClockRegular } from '@fluentui/react-icons';
import { hrefFor } from '../app/routes.ts';

export function AuditLogsButton(props: { readonly filter: Readonly<Record<string, string>> }) {
  return (
    <ToolbarButton
      as="a"
      href={hrefFor({ page: 'audit', filter: props.filter })}
      icon={<DocumentBulletListClockRegular />}
    >
      View audit logs
    </ToolbarButton>
  );
}
