/**
 * A hybrid tenant's on-premises Active Directory: the domain controllers (tried in order), their TLS
 * trust, the bind account, where accounts live and which UPN suffixes they may get. The bind
 * password is write-only: the form shows that one is stored, keeps it when left empty, and asks for
 * it again when the controllers or their TLS trust change (the service only ever sends a stored
 * password to the controllers it was entered for, and refuses the change otherwise).
 */
import {
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { fieldLabel } from '../api/contracts.ts';
import { type Directory, type DirectoryDraft, endpointChanged } from './directory-draft.ts';

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The warning the issue asks for wherever a disabled-accounts container is set or shown. */
export function DisabledContainerWarning() {
  return (
    <MessageBar intent="warning" data-testid="disabled-container-warning">
      <MessageBarBody>
        Directory sync (Entra Connect or Cloud Sync) must also cover the disabled-accounts container. If it is
        outside its scope, moving a leaver there deletes the person’s Microsoft 365 account (and its mailbox
        and OneDrive after 30 days); a rehire then gets a new cloud account.
      </MessageBarBody>
    </MessageBar>
  );
}

export function DirectoryFields(props: {
  readonly before: Directory | null | undefined;
  readonly viaAgents: boolean;
  readonly draft: DirectoryDraft;
  readonly onChange: (draft: DirectoryDraft) => void;
}) {
  const styles = useStyles();
  const { draft, before } = props;
  const set = (patch: Partial<DirectoryDraft>) => props.onChange({ ...draft, ...patch });
  const stored = before?.bindPassword?.set === true;
  const reenter = stored && endpointChanged(before, draft);
  const passwordHint = reenter
    ? 'The domain controllers or their TLS trust changed: enter the password again. A stored password is only ever sent to the controllers it was entered for.'
    : stored
      ? 'A password is stored (set). Leave empty to keep it.'
      : 'Stored encrypted; never shown again and only sent to the domain controllers above.';
  return (
    <fieldset className={styles.group} data-testid="directory-settings">
      <legend>
        <Text weight="semibold">Active Directory</Text>
      </legend>
      <Field
        label={fieldLabel('urls')}
        required
        hint="One per line, tried in order: ldaps://dc1.contoso.local, or ldap://… (hrsync then uses StartTLS)."
      >
        <Textarea
          value={draft.urls}
          onChange={(_, d) => set({ urls: d.value })}
          name="directory-urls"
          className={styles.mono}
          resize="vertical"
        />
      </Field>
      <Field
        label={fieldLabel('caCertificate')}
        hint="The certificate authority that issued the controllers’ certificates. Leave empty to trust the public CAs."
      >
        <Textarea
          value={draft.caCertificate}
          onChange={(_, d) => set({ caCertificate: d.value })}
          name="directory-ca"
          className={styles.mono}
          resize="vertical"
        />
      </Field>
      <Field
        label={fieldLabel('tlsServerName')}
        hint="The name in the controllers’ certificate, when the URLs use an IP address (e.g. DC1.contoso.local)."
      >
        <Input
          value={draft.tlsServerName}
          onChange={(_, d) => set({ tlsServerName: d.value })}
          name="directory-tls-server-name"
        />
      </Field>
      <Field
        label={fieldLabel('bindUser')}
        required
        hint="The account hrsync signs in with: svc-hrsync@contoso.local, CONTOSO\svc-hrsync or its DN."
      >
        <Input
          value={draft.bindUser}
          onChange={(_, d) => set({ bindUser: d.value })}
          name="directory-bind-user"
          autoComplete="off"
        />
      </Field>
      {props.viaAgents ? (
        <Text size={200} data-testid="bind-password-agents">
          Bind password: held by this tenant’s directory agents, not by the service.
        </Text>
      ) : (
        <Field
          label={fieldLabel('bindPassword')}
          required={!stored || reenter}
          hint={passwordHint}
          validationState={reenter && !draft.bindPassword ? 'warning' : 'none'}
        >
          <Input
            type="password"
            value={draft.bindPassword}
            onChange={(_, d) => set({ bindPassword: d.value })}
            name="directory-bind-password"
            autoComplete="new-password"
            placeholder={stored && !reenter ? '•••••••• (set)' : ''}
          />
        </Field>
      )}
      <Field
        label={fieldLabel('baseDn')}
        hint="Where accounts are searched. Leave empty for the whole domain (read from the controller)."
      >
        <Input
          value={draft.baseDn}
          onChange={(_, d) => set({ baseDn: d.value })}
          name="directory-base-dn"
          placeholder="DC=contoso,DC=local"
        />
      </Field>
      <Field
        label={fieldLabel('container')}
        required
        hint="The OU new accounts are created in (a mapping of parentDistinguishedName can place them elsewhere)."
      >
        <Input
          value={draft.container}
          onChange={(_, d) => set({ container: d.value })}
          name="directory-container"
          placeholder="OU=Staff,DC=contoso,DC=local"
        />
      </Field>
      <Field
        label={fieldLabel('disabledContainer')}
        hint="Leavers are moved here when they are disabled, and moved back on a rehire. Leave empty to keep them where they are."
      >
        <Input
          value={draft.disabledContainer}
          onChange={(_, d) => set({ disabledContainer: d.value })}
          name="directory-disabled-container"
          placeholder="OU=Disabled,DC=contoso,DC=local"
        />
      </Field>
      {draft.disabledContainer.trim() && <DisabledContainerWarning />}
      <Field
        label={fieldLabel('upnSuffixes')}
        hint="Separated by commas, e.g. contoso.nl. “Test connection” lists the forest’s suffixes."
      >
        <Input
          value={draft.upnSuffixes}
          onChange={(_, d) => set({ upnSuffixes: d.value })}
          name="directory-upn-suffixes"
        />
      </Field>
      <Checkbox
        checked={draft.mustChangePassword}
        onChange={(_, d) => set({ mustChangePassword: d.checked === true })}
        label={fieldLabel('mustChangePassword')}
        name="directory-must-change-password"
      />
    </fieldset>
  );
}
