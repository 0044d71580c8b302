import { argFailure, argText } from '../args.ts';
import type { CallNode } from '../ast.ts';
import type { EvalState } from '../context.ts';
import type { FunctionDefinition, RuntimeCall } from '../definition.ts';
import { BoundedCache } from '../text/bounded-cache.ts';
import { type CompiledRegex, compileDotnetRegex } from '../text/dotnet-regex.ts';
import { parseSubstitution, substitute } from '../text/dotnet-substitution.ts';

const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

/** Which of Entra's five behaviours the given (non-empty) arguments select. */
type Variant = 'text' | 'template' | 'regex' | 'regex-group' | 'regex-extract';

const USES: Readonly<Record<Variant, readonly number[]>> = {
  text: [OLD_VALUE, REPLACEMENT],
  template: [OLD_VALUE, TEMPLATE],
  regex: [PATTERN, REPLACEMENT],
  'regex-group': [PATTERN, GROUP, REPLACEMENT],
  'regex-extract': [PATTERN, GROUP, REPLACEMENT_ATTRIBUTE],
};

const PARAM_NAMES = [
  'source',
  'oldValue',
  'regexPattern',
  'regexGroupName',
  'replacementValue',
  'replacementAttributeName',
  'template',
];

function variantOf(node: CallNode): Variant | { message: string; position: number } {
  const given = (i: number) => node.args[i] !== undefined && node.args[i]!.kind !== 'missing';
  if (given(OLD_VALUE) && given(PATTERN)) {
    return {
      message: 'Replace: give either oldValue or regexPattern, not both',
      position: node.args[PATTERN]!.start,
    };
  }
  let variant: Variant | undefined;
  if (given(PATTERN)) {
    if (given(GROUP) && given(REPLACEMENT_ATTRIBUTE)) variant = 'regex-extract';
    else if (given(GROUP) && given(REPLACEMENT)) variant = 'regex-group';
    else if (given(REPLACEMENT)) variant = 'regex';
  } else if (given(OLD_VALUE)) {
    if (given(TEMPLATE)) variant = 'template';
    else if (given(REPLACEMENT)) variant = 'text';
  }
  if (variant === undefined) {
    return {
      message:
        'Replace needs oldValue with replacementValue or template, or regexPattern with replacementValue, ' +
        'or regexPattern and regexGroupName with replacementValue or replacementAttributeName',
      position: node.start,
    };
  }
  for (let i = 1; i < node.args.length; i++) {
    if (given(i) && !USES[variant].includes(i)) {
      return {
        message: `Replace: ${PARAM_NAMES[i]} has no effect together with ${USES[variant].map((u) => PARAM_NAMES[u]).join(' and ')}; leave it empty`,
        position: node.args[i]!.start,
      };
    }
  }
  return variant;
}

const substitutions = new BoundedCache<string, ReturnType<typeof parseSubstitution>>(256);

function regexArg(call: RuntimeCall, state: EvalState, withIndices: boolean): CompiledRegex {
  const compiled = compileDotnetRegex(argText(call, PATTERN, state) ?? '', withIndices);
  return typeof compiled === 'string' ? argFailure(call, PATTERN, compiled) : compiled;
}

/** A group by name or .NET number, as JavaScript group index or name. */
function groupArg(call: RuntimeCall, state: EvalState, regex: CompiledRegex): string | number {
  const name = argText(call, GROUP, state) ?? '';
  if (regex.names.has(name)) return name;
  const number = /^\d+$/.test(name) ? regex.numbers.get(Number(name)) : undefined;
  return number ?? argFailure(call, GROUP, `${JSON.stringify(name)} is not a group of the pattern`);
}

function groupSpan(match: RegExpExecArray, group: string | number): [number, number] | undefined {
  const indices = match.indices;
  return typeof group === 'string' ? indices?.groups?.[group] : indices?.[group];
}

export const Replace: FunctionDefinition = {
  name: 'Replace',
  category: 'text',
  signature: {
    params: [
      { name: 'source' },
      { name: 'oldValue', optional: true },
      { name: 'regexPattern', optional: true },
      { name: 'regexGroupName', optional: true },
      { name: 'replacementValue', optional: true },
      { name: 'replacementAttributeName', optional: true },
      { name: 'template', optional: true },
    ],
  },
  description:
    'Case-sensitive replacement; the arguments you fill in choose the behaviour. oldValue + replacementValue: ' +
    'every oldValue in source becomes replacementValue. oldValue + template: every oldValue in template ' +
    'becomes source. regexPattern + replacementValue: every match becomes replacementValue, which may use ' +
    `.NET substitutions such as \${name} and $1. ` +
    'regexPattern + regexGroupName + replacementValue: only the ' +
    'named group of each match is replaced. regexPattern + regexGroupName + replacementAttributeName: ' +
    'source if it has a value, otherwise the named group of the first match in replacementAttributeName. ' +
    'A null source gives null.',
  example: {
    expression: 'Replace([Telefoonnr_werk], , "[()\\\\s-]+", , "", , )',
    attributes: { Telefoonnr_werk: '+31 (20) 555-1234' },
    output: '+31205551234',
  },
  check(node) {
    const variant = variantOf(node);
    return typeof variant === 'string' ? undefined : variant;
  },
  evaluate(call, state) {
    const variant = variantOf(call.node) as Variant;
    const source = argText(call, SOURCE, state);
    switch (variant) {
      case 'text': {
        const old = argText(call, OLD_VALUE, state) ?? '';
        if (source === null || old === '') return source;
        return source.split(old).join(argText(call, REPLACEMENT, state) ?? '');
      }
      case 'template': {
        const old = argText(call, OLD_VALUE, state) ?? '';
        const template = argText(call, TEMPLATE, state) ?? '';
        if (source === null) return null;
        return old === '' ? template : template.split(old).join(source);
      }
      case 'regex': {
        if (source === null) return null;
        const regex = regexArg(call, state, false);
        const replacement = argText(call, REPLACEMENT, state) ?? '';
        const key = `${regex.regex.source}\u0000${replacement}`;
        let parts = substitutions.get(key);
        if (parts === undefined) {
          parts = parseSubstitution(replacement, regex);
          substitutions.set(key, parts);
        }
        let out = '';
        let last = 0;
        for (const match of source.matchAll(regex.regex)) {
          out += source.slice(last, match.index) + substitute(parts, match, source, regex);
          last = match.index + match[0].length;
        }
        return out + source.slice(last);
      }
      case 'regex-group': {
        if (source === null) return null;
        const regex = regexArg(call, state, true);
        const group = groupArg(call, state, regex);
        const replacement = argText(call, REPLACEMENT, state) ?? '';
        let out = '';
        let last = 0;
        for (const match of source.matchAll(regex.regex)) {
          const span = groupSpan(match, group);
          if (span === undefined || span[0] < last) continue;
          out += source.slice(last, span[0]) + replacement;
          last = span[1];
        }
        return out + source.slice(last);
      }
      case 'regex-extract': {
        if (source !== null && source !== '') return source;
        const from = argText(call, REPLACEMENT_ATTRIBUTE, state);
        if (from === null) return null;
        const regex = regexArg(call, state, true);
        const group = groupArg(call, state, regex);
        for (const match of from.matchAll(regex.regex)) {
          const span = groupSpan(match, group);
          if (span !== undefined) return from.slice(span[0], span[1]);
        }
        return null;
      }
    }
  },
};
