/**
 * Register or change a customer's Microsoft 365 tenant: type, directory id, verified domains, the
 * app registration (client id and a secret or certificate; write-only: left empty on a change, the
 * stored one is kept) and whether the User Management subscription is active. A hybrid tenant also
 * has its on-premises Active Directory (DirectoryFields).
 */
import { Checkbox, Field, Input, Radio, RadioGroup, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { createTenant, type TenantType, updateTenant } from '../api/contracts.ts';
import type { Customer, Tenant } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { TenantDraftTest } from '../setup/TenantDraftTest.tsx';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { DirectoryFields } from './DirectoryFields.tsx';
import { directoryBody, directoryDraft, directoryIncomplete } from './directory-draft.ts';

type CredentialKind = 'secret' | 'certificate';

export function TenantDialog(props: {
  readonly customer: Customer;
  /** The tenant to change; absent to register a new one. */
  readonly tenant?: Tenant;
  readonly onClose: () => void;
  readonly onSaved: (tenant: Tenant) => void;
}) {
  const t = props.tenant;
  const [name, setName] = useState(t?.name ?? '');
  const [type, setType] = useState<TenantType>(t?.type ?? 'cloud');
  const [directoryId, setDirectoryId] = useState(t?.directoryId ?? '');
  const [domains, setDomains] = useState((t?.verifiedDomains ?? []).join(', '));
  const [clientId, setClientId] = useState(t?.clientId ?? '');
  const [credential, setCredential] = useState<CredentialKind>(t?.credential?.type ?? 'secret');
  const [secret, setSecret] = useState('');
  const [certificate, setCertificate] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [subscription, setSubscription] = useState(t?.subscriptionActive ?? true);
  const [authorityHost, setAuthorityHost] = useState(t?.authorityHost ?? '');
  const [graphBaseUrl, setGraphBaseUrl] = useState(t?.graphBaseUrl ?? '');
  const [directory, setDirectory] = useState(directoryDraft(t?.directory));
  const viaAgents = t?.directoryViaAgents ?? false;
  const hybrid = type === 'hybrid';
  const directoryMissing = hybrid ? directoryIncomplete(t?.directory, directory, viaAgents) : null;

  const fields = () => {
    const verifiedDomains = domains
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const secrets =
      credential === 'secret'
        ? secret
          ? { clientSecret: secret }
          : {}
        : certificate || privateKey
          ? { certificate, privateKey }
          : {};
    const fields = {
      name: name.trim(),
      type,
      directoryId: directoryId.trim(),
      verifiedDomains,
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...secrets,
      ...(authorityHost.trim() ? { authorityHost: authorityHost.trim() } : {}),
      ...(graphBaseUrl.trim() ? { graphBaseUrl: graphBaseUrl.trim() } : {}),
      subscriptionActive: subscription,
      ...(hybrid ? { directory: directoryBody(directory, viaAgents) } : {}),
    };
    return fields;
  };
  const save = useAction(async () =>
    t
      ? call(updateTenant, { params: { id: t.id }, body: fields() })
      : call(createTenant, { body: { customerId: props.customer.id, ...fields() } }),
  );
  // What the test needs before it can run; the service checks the rest (and the secret rule).
  const untestable = hybrid
    ? directoryMissing
    : !directoryId.trim()
      ? 'Enter the directory (tenant) ID to test.'
      : !clientId.trim()
        ? 'Enter the application (client) ID to test.'
        : !t?.credential && !secret && !(certificate && privateKey)
          ? 'Enter the client secret (or certificate and private key) to test.'
          : null;

  const changed = useChangedSinceOpened({
    name,
    type,
    directoryId,
    domains,
    clientId,
    credential,
    secret,
    certificate,
    privateKey,
    subscription,
    authorityHost,
    graphBaseUrl,
    directory,
  });
  const submit = async () => {
    const saved = await save.run();
    if (saved) props.onSaved(saved);
    return saved;
  };

  return (
    <ActionDialog
      title={t ? `Change tenant ${t.name}` : `Add a tenant for ${props.customer.name}`}
      busy={save.busy}
      onClose={props.onClose}
      changed={changed}
      maxWidth={640}
      submit={{
        label: t ? 'Save tenant' : 'Add tenant',
        disabled: !name.trim() || !directoryId.trim() || !domains.trim() || directoryMissing !== null,
        onSubmit: submit,
      }}
    >
      <Field label="Name" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} name="tenant-name" />
      </Field>
      <Field
        label="Type"
        hint="Cloud: accounts in Microsoft Entra ID. Hybrid: accounts in on-premises Active Directory."
      >
        <RadioGroup layout="horizontal" value={type} onChange={(_, d) => setType(d.value as TenantType)}>
          <Radio value="cloud" label="Cloud" />
          <Radio value="hybrid" label="Hybrid" />
        </RadioGroup>
      </Field>
      <Field
        label="Directory (tenant) ID"
        required
        hint="The tenant’s ID from the Microsoft Entra admin center."
      >
        <Input value={directoryId} onChange={(_, d) => setDirectoryId(d.value)} name="directory-id" />
      </Field>
      <Field label="Verified domains" required hint="Separated by commas, e.g. contoso.nl, contoso.com">
        <Input value={domains} onChange={(_, d) => setDomains(d.value)} name="verified-domains" />
      </Field>
      <Field label="App registration: application (client) ID">
        <Input value={clientId} onChange={(_, d) => setClientId(d.value)} name="client-id" />
      </Field>
      <Field label="App registration: credential">
        <RadioGroup
          layout="horizontal"
          value={credential}
          onChange={(_, d) => setCredential(d.value as CredentialKind)}
        >
          <Radio value="secret" label="Secret" />
          <Radio value="certificate" label="Certificate" />
        </RadioGroup>
      </Field>
      {credential === 'secret' ? (
        <Field
          label="Client secret"
          hint={
            t?.credential
              ? 'A secret is stored. Leave empty to keep it.'
              : 'Stored encrypted; never shown again.'
          }
        >
          <Input
            type="password"
            value={secret}
            onChange={(_, d) => setSecret(d.value)}
            name="client-secret"
            autoComplete="off"
          />
        </Field>
      ) : (
        <>
          <Field
            label="Certificate (PEM)"
            hint={t?.credential ? 'A credential is stored. Leave both empty to keep it.' : null}
          >
            <Textarea value={certificate} onChange={(_, d) => setCertificate(d.value)} name="certificate" />
          </Field>
          <Field label="Private key (PEM)">
            <Textarea value={privateKey} onChange={(_, d) => setPrivateKey(d.value)} name="private-key" />
          </Field>
        </>
      )}
      <Field
        label="Sign-in endpoint (authority host)"
        hint="Leave empty for Microsoft’s public cloud (https://login.microsoftonline.com)."
      >
        <Input value={authorityHost} onChange={(_, d) => setAuthorityHost(d.value)} name="authority-host" />
      </Field>
      <Field label="Microsoft Graph endpoint" hint="Leave empty for https://graph.microsoft.com.">
        <Input value={graphBaseUrl} onChange={(_, d) => setGraphBaseUrl(d.value)} name="graph-base-url" />
      </Field>
      {hybrid && (
        <DirectoryFields
          before={t?.directory}
          viaAgents={viaAgents}
          draft={directory}
          onChange={setDirectory}
        />
      )}
      {directoryMissing && <Text size={200}>{directoryMissing}</Text>}
      <TenantDraftTest
        {...(t ? { tenantId: t.id } : {})}
        type={type}
        body={() => {
          // A name or the domains may still be empty while testing; the test does not need them.
          const { name: typedName, verifiedDomains, ...rest } = fields();
          return {
            ...rest,
            ...(typedName ? { name: typedName } : {}),
            ...(verifiedDomains.length > 0 ? { verifiedDomains } : {}),
          };
        }}
        unavailable={untestable}
      />
      <Checkbox
        checked={subscription}
        onChange={(_, d) => setSubscription(d.checked === true)}
        label="User Management subscription active (connections can be created and activated)"
      />
      <ErrorMessage error={save.error} />
    </ActionDialog>
  );
}
