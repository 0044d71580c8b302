import { argFailure, argText } from '../args.ts';
import type { CallNode } from '../ast.ts';
import type { EvalState } from '../context.ts';
import type { FunctionDefinition, RuntimeCall } from '../definition.ts';
import { BoundedCache } from '../text/bounded-cache.ts';
import { boundedMatchAll, boundedReplace } from '../text/bounded-regex.ts';
import { type CompiledRegex, compileDotnetRegex } from '../text/dotnet-regex.ts';
import { parseSubstitution, substitute } from '../text/dotnet-substitution.ts';
import { assertResultLength, MAX_TEXT_LENGTH } from '../value-limit.ts';

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

function given(node: CallNode, index: number): boolean {
  const arg = node.args[index];
  return arg !== undefined && arg.kind !== 'missing';
}

function variantOf(node: CallNode): Variant | { message: string; position: number } {
  if (given(node, OLD_VALUE) && given(node, PATTERN)) {
    return {
      message: 'Replace: give either oldValue or regexPattern, not both',
      position: node.args[PATTERN]!.start,
    };
  }
  let variant: Variant | undefined;
  if (given(node, PATTERN)) {
    if (given(node, GROUP) && given(node, REPLACEMENT_ATTRIBUTE)) variant = 'regex-extract';
    else if (given(node, GROUP) && given(node, REPLACEMENT)) variant = 'regex-group';
    else if (given(node, REPLACEMENT)) variant = 'regex';
  } else if (given(node, OLD_VALUE)) {
    if (given(node, TEMPLATE)) variant = 'template';
    else if (given(node, REPLACEMENT)) variant = 'text';
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
    if (given(node, i) && !USES[variant].includes(i)) {
      return {
        message: `Replace: ${PARAM_NAMES[i]} has no effect together with ${USES[variant].map((u) => PARAM_NAMES[u]).join(' and ')}; leave it empty`,
        position: node.args[i]!.start,
      };
    }
  }
  return variant;
}

type Parts = ReturnType<typeof parseSubstitution>;
// Per compiled regex, so the key is just the replacement text.
// Which variant a call uses is fixed by its syntax, so it is worked out once per call node.
const variants = new WeakMap<CallNode, Variant>();

function runtimeVariant(node: CallNode): Variant {
  let variant = variants.get(node);
  if (variant === undefined) {
    variant = variantOf(node) as Variant;
    variants.set(node, variant);
  }
  return variant;
}

const substitutions = new WeakMap<CompiledRegex, BoundedCache<string, Parts>>();

function substitutionParts(regex: CompiledRegex, replacement: string): Parts {
  let byReplacement = substitutions.get(regex);
  if (byReplacement === undefined) {
    byReplacement = new BoundedCache(64);
    substitutions.set(regex, byReplacement);
  }
  let parts = byReplacement.get(replacement);
  if (parts === undefined) {
    parts = parseSubstitution(replacement, regex);
    byReplacement.set(replacement, parts);
  }
  return parts;
}

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

/** Refuses a result over the value limit before it is built (nested, Replace multiplies its text). */
function grows(
  call: RuntimeCall,
  length: number,
  words?: 'could make one match' | 'would be more than',
): void {
  assertResultLength('Replace', length, call.node.start, words);
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
    const variant = runtimeVariant(call.node);
    const source = argText(call, SOURCE, state);
    switch (variant) {
      case 'text': {
        const old = argText(call, OLD_VALUE, state) ?? '';
        if (source === null || old === '') return source;
        const replacement = argText(call, REPLACEMENT, state) ?? '';
        const pieces = source.split(old);
        grows(call, source.length + (pieces.length - 1) * (replacement.length - old.length));
        return pieces.join(replacement);
      }
      case 'template': {
        const old = argText(call, OLD_VALUE, state) ?? '';
        const template = argText(call, TEMPLATE, state) ?? '';
        if (source === null) return null;
        if (old === '') return template;
        const pieces = template.split(old);
        grows(call, template.length + (pieces.length - 1) * (source.length - old.length));
        return pieces.join(source);
      }
      case 'regex': {
        if (source === null) return null;
        const regex = regexArg(call, state, false);
        const parts = substitutionParts(regex, argText(call, REPLACEMENT, state) ?? '');
        // Plain replacement text (the common "remove these characters" case) can use the native replace.
        const only = parts[0];
        if (parts.length === 0) return boundedReplace(regex.regex, source, '');
        if (parts.length === 1 && only?.kind === 'text' && !only.text.includes('$')) {
          const text = only.text;
          // Every position may match (an empty pattern does): count them only when that could pass the limit.
          if (source.length + (source.length + 1) * text.length > MAX_TEXT_LENGTH) {
            let length = source.length;
            for (const match of boundedMatchAll(regex.regex, source)) length += text.length - match[0].length;
            grows(call, length);
          }
          return boundedReplace(regex.regex, source, text);
        }
        // One match's substitution is at most its texts plus the source for each group it names.
        const most = parts.reduce((n, p) => n + (p.kind === 'text' ? p.text.length : source.length), 0);
        grows(call, most, 'could make one match');
        let out = '';
        let last = 0;
        for (const match of boundedMatchAll(regex.regex, source)) {
          out += source.slice(last, match.index) + substitute(parts, match, source, regex);
          last = match.index + match[0].length;
          if (out.length > MAX_TEXT_LENGTH)
            grows(call, out.length + source.length - last, 'would be more than');
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
        for (const match of boundedMatchAll(regex.regex, source)) {
          const span = groupSpan(match, group);
          if (span === undefined || span[0] < last) continue;
          out += source.slice(last, span[0]) + replacement;
          last = span[1];
          if (out.length > MAX_TEXT_LENGTH)
            grows(call, out.length + source.length - last, 'would be more than');
        }
        return out + source.slice(last);
      }
      case 'regex-extract': {
        if (source !== null && source !== '') return source;
        const from = argText(call, REPLACEMENT_ATTRIBUTE, state);
        if (from === null) return null;
        const regex = regexArg(call, state, true);
        const group = groupArg(call, state, regex);
        for (const match of boundedMatchAll(regex.regex, from)) {
          const span = groupSpan(match, group);
          if (span !== undefined) return from.slice(span[0], span[1]);
        }
        return null;
      }
    }
  },
};
