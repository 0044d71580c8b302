export { type AttributeType, coerce } from './coerce.ts';
export {
  type CompiledMapping,
  type CompiledRule,
  compileMapping,
  evaluateRules,
  type MappedValues,
} from './mapping.ts';
