/**
 * Registers a directory agent: a name, then the one-time key — shown only here, valid for an hour,
 * usable once — and the exact commands to run on the customer's machine, for Linux or Windows and the
 * state folder the administrator picks.
 */
import { Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { type AgentRegistrationDto, createAgentRegistration } from '../api/contracts.ts';
import type { Tenant } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ActionDialog } from '../ui/ActionDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { CopyButton, OneTimeSecret } from '../ui/OneTimeSecret.tsx';
import { useChangedSinceOpened } from '../ui/unsaved-forms.ts';
import { type AgentPlatform, agentCommands, DEFAULT_STATE_DIRS } from './agent-commands.ts';

const useStyles = makeStyles({
  command: {
    margin: 0,
    padding: '8px',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  step: { display: 'flex', flexDirection: 'column', gap: '4px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '240px' },
});

type Registration = Static<typeof AgentRegistrationDto>;

function Command(props: { readonly id: string; readonly text: string; readonly children: string }) {
  const styles = useStyles();
  return (
    <div className={styles.step}>
      <Text>{props.children}</Text>
      <pre className={styles.command} data-testid={`agent-command-${props.id}`}>
        {props.text}
      </pre>
      <div>
        <CopyButton size="small" text={props.text} label="Copy command" />
      </div>
    </div>
  );
}

function Instructions(props: { readonly viaAgents: boolean; readonly created: Registration }) {
  const styles = useStyles();
  const { created } = props;
  const [platform, setPlatform] = useState<AgentPlatform>('linux');
  const [stateDir, setStateDir] = useState<string>(DEFAULT_STATE_DIRS.linux);
  const commands = agentCommands({ server: window.location.origin, key: created.key, stateDir, platform });
  return (
    <>
      <OneTimeSecret
        warning={{
          title: 'Copy the key now',
          children: `It is shown only this once, can be used once, and expires at ${formatDateTime(created.expiresAt)} (in an hour). hrsync keeps only a hash of it.`,
        }}
        label={`One-time key of “${created.agent.name}”`}
        value={created.key}
        copyLabel="Copy key"
        testId="agent-key"
      />
      <Text>
        On a machine in the customer’s network that reaches the domain controllers, with Node.js 20.19 or
        later and hrsync installed (see “Directory agents” in the README):
      </Text>
      <div className={styles.row}>
        <Field label="Machine">
          <Select
            value={platform}
            name="agent-platform"
            onChange={(_, d) => {
              const next = d.value as AgentPlatform;
              setPlatform(next);
              if (stateDir === DEFAULT_STATE_DIRS[platform]) setStateDir(DEFAULT_STATE_DIRS[next]);
            }}
          >
            <option value="linux">Linux</option>
            <option value="windows">Windows</option>
          </Select>
        </Field>
        <Field
          className={styles.grow}
          label="State folder on that machine"
          hint="Holds the agent’s private key and sealed bind password."
        >
          <Input value={stateDir} onChange={(_, d) => setStateDir(d.value)} name="agent-state-dir" />
        </Field>
      </div>
      <Command id="register" text={commands.register}>
        1. Register the agent (exchanges the key for the agent’s own key pair):
      </Command>
      <Command id="set-bind-password" text={commands.setBindPassword}>
        2. Enter the domain controllers’ bind password; it is stored encrypted on that machine only:
      </Command>
      <Command id="run" text={commands.run}>
        3. Start the agent (to keep it running, install it as a service — see the README):
      </Command>
      <Text>It is listed as Connected on this page within seconds of starting.</Text>
      {!props.viaAgents && (
        <Text>Runs use it once “Reach the domain controllers through agents” is on for this tenant.</Text>
      )}
    </>
  );
}

export function RegisterAgentDialog(props: {
  readonly tenant: Tenant;
  /** Whether runs of the tenant reach its directory through agents now (the switch on the panel). */
  readonly viaAgents: boolean;
  readonly onClose: () => void;
  readonly onCreated: () => void;
}) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Registration | undefined>(undefined);
  const changed = useChangedSinceOpened({ name });
  const create = useAction(() =>
    call(createAgentRegistration, { params: { id: props.tenant.id }, body: { name: name.trim() } }),
  );
  if (created) {
    return (
      <ActionDialog
        title={`Agent “${created.agent.name}” registered`}
        busy={false}
        onClose={props.onClose}
        cancelLabel="Done"
        maxWidth={720}
      >
        <Instructions viaAgents={props.viaAgents} created={created} />
      </ActionDialog>
    );
  }
  return (
    <ActionDialog
      title={`Register a directory agent for ${props.tenant.name}`}
      busy={create.busy}
      onClose={props.onClose}
      changed={changed}
      submit={{
        label: 'Register',
        disabled: !name.trim(),
        onSubmit: () =>
          create.run().then((c) => {
            if (!c) return c;
            setCreated(c);
            props.onCreated();
            return c;
          }),
      }}
    >
      <Field label="Name" required hint="Tells the agents apart, e.g. the server it runs on: “dc-agent-1”.">
        <Input value={name} onChange={(_, d) => setName(d.value)} name="agent-name" />
      </Field>
      <ErrorMessage error={create.error} />
    </ActionDialog>
  );
}
