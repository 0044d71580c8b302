export { type AttributeType, coerce } from './coerce.ts';
export {
  type CompiledMapping,
  type CompiledRule,
  compileMapping,
  evaluateRules,
  evaluateRulesIn,
  type MappedValues,
} from './mapping.ts';
